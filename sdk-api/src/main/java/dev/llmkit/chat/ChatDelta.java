package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fragment of an assistant message in a stream: role (first chunk only), content and refusal text
 * to append, and tool-call fragments. Immutable.
 */
public final class ChatDelta {
  private final @Nullable Role role;
  private final @Nullable String content;
  private final @Nullable String refusal;
  private final List<ToolCallDelta> toolCalls;
  private final Map<String, Object> extra;

  private ChatDelta(Builder b) {
    this.role = b.role;
    this.content = b.content;
    this.refusal = b.refusal;
    this.toolCalls = Immutables.list(b.toolCalls, "toolCalls");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a delta carrying only a content fragment. */
  public static ChatDelta ofContent(String content) {
    return builder().content(Checks.notNull(content, "content")).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The author, sent in the first chunk of a choice. */
  public Optional<Role> role() {
    return Optional.ofNullable(role);
  }

  /** Content text to append. */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /** Refusal text to append. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** Tool-call fragments, matched to calls by {@link ToolCallDelta#index()}. */
  public List<ToolCallDelta> toolCalls() {
    return toolCalls;
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(role, content, refusal, toolCalls, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatDelta && state().equals(((ChatDelta) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChatDelta{"
        + "toolCalls="
        + toolCalls.size()
        + (role != null ? ", role=" + role : "")
        + "}";
  }

  /** Builds a {@link ChatDelta}. */
  public static final class Builder {
    private @Nullable Role role;
    private @Nullable String content;
    private @Nullable String refusal;
    private List<? extends ToolCallDelta> toolCalls = List.of();
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatDelta v) {
      role = v.role;
      content = v.content;
      refusal = v.refusal;
      toolCalls = v.toolCalls;
      extra = v.extra;
    }

    public Builder role(@Nullable Role role) {
      this.role = role;
      return this;
    }

    public Builder content(@Nullable String content) {
      this.content = content;
      return this;
    }

    public Builder refusal(@Nullable String refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder toolCalls(List<? extends ToolCallDelta> toolCalls) {
      this.toolCalls = Checks.notNull(toolCalls, "toolCalls");
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChatDelta build() {
      return new ChatDelta(this);
    }
  }
}
