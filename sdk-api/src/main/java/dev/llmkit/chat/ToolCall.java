package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A call the model asked the application to make: the function name and its arguments as a JSON
 * string, which may be invalid JSON when the model made a mistake. Answer it with {@link
 * ChatMessage#tool(String, String)} carrying the same {@link #id()}.
 */
public final class ToolCall {
  private final String id;
  private final String type;
  private final String name;
  private final String arguments;
  private final Map<String, Object> extra;

  private ToolCall(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.type = Checks.notBlank(b.type, "type");
    this.name = Checks.notNull(b.name, "name");
    this.arguments = Checks.notNull(b.arguments, "arguments");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a function call. */
  public static ToolCall function(String id, String name, String arguments) {
    return builder().id(id).name(name).arguments(arguments).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The call's id, echoed back as {@link ChatMessage#toolCallId()}. */
  public String id() {
    return id;
  }

  /** The call's {@code type}: {@code "function"}. */
  public String type() {
    return type;
  }

  /** The function to call. */
  public String name() {
    return name;
  }

  /** The arguments as the model wrote them: a JSON object as a string. */
  public String arguments() {
    return arguments;
  }

  /** Provider fields this type does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, type, name, arguments, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ToolCall && state().equals(((ToolCall) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  /** Prints the id and function name, never the arguments. */
  @Override
  public String toString() {
    return "ToolCall{id=" + id + ", name=" + name + "}";
  }

  /** Builds a {@link ToolCall}; {@code type} defaults to {@code "function"}. */
  public static final class Builder {
    private @Nullable String id;
    private String type = "function";
    private @Nullable String name;
    private String arguments = "";
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ToolCall c) {
      id = c.id;
      type = c.type;
      name = c.name;
      arguments = c.arguments;
      extra = c.extra;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder arguments(String arguments) {
      this.arguments = arguments;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ToolCall build() {
      return new ToolCall(this);
    }
  }
}
