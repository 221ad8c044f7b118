package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One of the alternative answers in a {@link ChatResponse}. Immutable. */
public final class ChatChoice {
  private final int index;
  private final ChatMessage message;
  private final @Nullable FinishReason finishReason;
  private final @Nullable ChatLogprobs logprobs;
  private final Map<String, Object> extra;

  private ChatChoice(Builder b) {
    this.index = b.index;
    this.message = Checks.notNull(b.message, "message");
    this.finishReason = b.finishReason;
    this.logprobs = b.logprobs;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The position of this choice, from 0. */
  public int index() {
    return index;
  }

  /** The generated assistant message: content, refusal or tool calls. */
  public ChatMessage message() {
    return message;
  }

  /** Why generation stopped. */
  public Optional<FinishReason> finishReason() {
    return Optional.ofNullable(finishReason);
  }

  /** Token log probabilities, when requested. */
  public Optional<ChatLogprobs> logprobs() {
    return Optional.ofNullable(logprobs);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(index, message, finishReason, logprobs, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatChoice && state().equals(((ChatChoice) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ChatChoice{"
        + "index="
        + index
        + ", message="
        + message
        + (finishReason != null ? ", finishReason=" + finishReason : "")
        + "}";
  }

  /** Builds a {@link ChatChoice}. */
  public static final class Builder {
    private int index;
    private @Nullable ChatMessage message;
    private @Nullable FinishReason finishReason;
    private @Nullable ChatLogprobs logprobs;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ChatChoice v) {
      index = v.index;
      message = v.message;
      finishReason = v.finishReason;
      logprobs = v.logprobs;
      extra = v.extra;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder message(ChatMessage message) {
      this.message = Checks.notNull(message, "message");
      return this;
    }

    public Builder finishReason(@Nullable FinishReason finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    public Builder logprobs(@Nullable ChatLogprobs logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ChatChoice build() {
      return new ChatChoice(this);
    }
  }
}
