package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which tool, if any, the model must call ({@code tool_choice}): {@link #NONE}, {@link #AUTO},
 * {@link #REQUIRED}, or one named function with {@link #function(String)}.
 */
public final class ToolChoice {
  /** The model does not call tools. The default when no tools are given. */
  public static final ToolChoice NONE = new ToolChoice("none", null);

  /** The model decides. The default when tools are given. */
  public static final ToolChoice AUTO = new ToolChoice("auto", null);

  /** The model must call at least one tool. */
  public static final ToolChoice REQUIRED = new ToolChoice("required", null);

  private final String mode;
  private final @Nullable String functionName;

  private ToolChoice(String mode, @Nullable String functionName) {
    this.mode = mode;
    this.functionName = functionName;
  }

  /** The model must call the function named {@code name}. */
  public static ToolChoice function(String name) {
    return new ToolChoice("function", Checks.notBlank(name, "name"));
  }

  /**
   * Returns a mode by its wire value; modes this SDK does not know are kept. Use {@link
   * #function(String)} for a named function.
   */
  public static ToolChoice mode(String mode) {
    Checks.notBlank(mode, "mode");
    Checks.check(!mode.equals("function"), "mode 'function' needs a name; use function(name)");
    switch (mode) {
      case "none":
        return NONE;
      case "auto":
        return AUTO;
      case "required":
        return REQUIRED;
      default:
        return new ToolChoice(mode, null);
    }
  }

  /** {@code "none"}, {@code "auto"}, {@code "required"}, {@code "function"} or another mode. */
  public String mode() {
    return mode;
  }

  /** The function the model must call, when {@link #mode()} is {@code "function"}. */
  public Optional<String> functionName() {
    return Optional.ofNullable(functionName);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ToolChoice
        && mode.equals(((ToolChoice) o).mode)
        && Objects.equals(functionName, ((ToolChoice) o).functionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, functionName);
  }

  @Override
  public String toString() {
    return functionName == null ? mode : "function(" + functionName + ")";
  }
}
