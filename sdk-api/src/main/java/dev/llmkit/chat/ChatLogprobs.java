package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Log probabilities of a choice's tokens: of its content and of its refusal. Immutable. */
public final class ChatLogprobs {
  private final List<TokenLogprob> content;
  private final List<TokenLogprob> refusal;
  private final Map<String, Object> extra;

  private ChatLogprobs(Builder b) {
    this.content = Immutables.list(b.content, "content");
    this.refusal = Immutables.list(b.refusal, "refusal");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Per-token log probabilities of the content, in order. */
  public List<TokenLogprob> content() {
    return content;
  }

  /** Per-token log probabilities of the refusal, in order. */
  public List<TokenLogprob> refusal() {
    return refusal;
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(content, refusal, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatLogprobs && state().equals(((ChatLogprobs) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChatLogprobs{" + "content=" + content + ", refusal=" + refusal + "}";
  }

  /** Builds a {@link ChatLogprobs}. */
  public static final class Builder {
    private List<? extends TokenLogprob> content = List.of();
    private List<? extends TokenLogprob> refusal = List.of();
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatLogprobs v) {
      content = v.content;
      refusal = v.refusal;
      extra = v.extra;
    }

    public Builder content(List<? extends TokenLogprob> content) {
      this.content = Checks.notNull(content, "content");
      return this;
    }

    public Builder refusal(List<? extends TokenLogprob> refusal) {
      this.refusal = Checks.notNull(refusal, "refusal");
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChatLogprobs build() {
      return new ChatLogprobs(this);
    }
  }
}
