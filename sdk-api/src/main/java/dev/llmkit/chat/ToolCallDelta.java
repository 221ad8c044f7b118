package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fragment of a tool call in a stream. The first fragment of a call carries its {@link #id()},
 * type and name; later ones carry further pieces of the arguments JSON. Fragments of one call share
 * {@link #index()}. Immutable.
 */
public final class ToolCallDelta {
  private final int index;
  private final @Nullable String id;
  private final @Nullable String type;
  private final @Nullable String name;
  private final @Nullable String arguments;
  private final Map<String, Object> extra;

  private ToolCallDelta(Builder b) {
    this.index = b.index;
    this.id = b.id;
    this.type = b.type;
    this.name = b.name;
    this.arguments = b.arguments;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Which call of the message this fragment belongs to, from 0. */
  public int index() {
    return index;
  }

  /** The call's id, in its first fragment. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The call's type ({@code "function"}), in its first fragment. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** The function name, in its first fragment. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** A piece of the arguments JSON to append. */
  public Optional<String> arguments() {
    return Optional.ofNullable(arguments);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(index, id, type, name, arguments, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ToolCallDelta && state().equals(((ToolCallDelta) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ToolCallDelta{"
        + "index="
        + index
        + (id != null ? ", id=" + id : "")
        + (name != null ? ", name=" + name : "")
        + "}";
  }

  /** Builds a {@link ToolCallDelta}. */
  public static final class Builder {
    private int index;
    private @Nullable String id;
    private @Nullable String type;
    private @Nullable String name;
    private @Nullable String arguments;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ToolCallDelta v) {
      index = v.index;
      id = v.id;
      type = v.type;
      name = v.name;
      arguments = v.arguments;
      extra = v.extra;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder arguments(@Nullable String arguments) {
      this.arguments = arguments;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ToolCallDelta build() {
      return new ToolCallDelta(this);
    }
  }
}
