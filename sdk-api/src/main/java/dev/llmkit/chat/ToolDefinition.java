package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A tool the model may call. Today every tool is a {@link FunctionDefinition function}. */
public final class ToolDefinition {
  private final String type;
  private final FunctionDefinition function;

  private ToolDefinition(String type, FunctionDefinition function) {
    this.type = type;
    this.function = function;
  }

  /** Returns a function tool. */
  public static ToolDefinition function(FunctionDefinition function) {
    return new ToolDefinition("function", Checks.notNull(function, "function"));
  }

  /** The tool's {@code type}: {@code "function"}. */
  public String type() {
    return type;
  }

  public FunctionDefinition function() {
    return function;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ToolDefinition
        && type.equals(((ToolDefinition) o).type)
        && function.equals(((ToolDefinition) o).function);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, function);
  }

  @Override
  public String toString() {
    return "ToolDefinition{type=" + type + ", function=" + function.name() + "}";
  }
}
