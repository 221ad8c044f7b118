package dev.llmkit.completion;

import dev.llmkit.chat.FinishReason;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One generated text of a {@link CompletionResponse}, or a fragment of it in a {@link
 * CompletionChunk}. Immutable.
 */
public final class CompletionChoice {
  private final int index;
  private final String text;
  private final @Nullable FinishReason finishReason;
  private final @Nullable CompletionLogprobs logprobs;
  private final Map<String, Object> extra;

  private CompletionChoice(Builder b) {
    this.index = b.index;
    this.text = Checks.notNull(b.text, "text");
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

  /**
   * The position of this choice, from 0; with several prompts, prompt i owns choices i*n to
   * i*n+n-1.
   */
  public int index() {
    return index;
  }

  /** The generated text, or in a chunk the fragment to append. */
  public String text() {
    return text;
  }

  /** Why generation stopped; in a stream, set in the choice's last chunk. */
  public Optional<FinishReason> finishReason() {
    return Optional.ofNullable(finishReason);
  }

  /** Token log probabilities, when requested. */
  public Optional<CompletionLogprobs> logprobs() {
    return Optional.ofNullable(logprobs);
  }

  /** Provider fields this type does not model, by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(index, text, finishReason, logprobs, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CompletionChoice && state().equals(((CompletionChoice) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "CompletionChoice{"
        + "index="
        + index
        + (finishReason != null ? ", finishReason=" + finishReason : "")
        + "}";
  }

  /** Builds a {@link CompletionChoice}. */
  public static final class Builder {
    private int index;
    private @Nullable String text;
    private @Nullable FinishReason finishReason;
    private @Nullable CompletionLogprobs logprobs;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(CompletionChoice v) {
      index = v.index;
      text = v.text;
      finishReason = v.finishReason;
      logprobs = v.logprobs;
      extra = v.extra;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder text(String text) {
      this.text = Checks.notNull(text, "text");
      return this;
    }

    public Builder finishReason(@Nullable FinishReason finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    public Builder logprobs(@Nullable CompletionLogprobs logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public CompletionChoice build() {
      return new CompletionChoice(this);
    }
  }
}
