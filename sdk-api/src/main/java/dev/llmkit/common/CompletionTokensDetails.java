package dev.llmkit.common;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The completion-side token breakdown ({@code completion_tokens_details}). Counts absent on the
 * wire are 0.
 */
public final class CompletionTokensDetails {
  private final int reasoningTokens;
  private final int audioTokens;
  private final int acceptedPredictionTokens;
  private final int rejectedPredictionTokens;
  private final @Nullable Integer textTokens;
  private final Map<String, Object> extra;

  private CompletionTokensDetails(Builder b) {
    this.reasoningTokens = b.reasoningTokens;
    this.audioTokens = b.audioTokens;
    this.acceptedPredictionTokens = b.acceptedPredictionTokens;
    this.rejectedPredictionTokens = b.rejectedPredictionTokens;
    this.textTokens = b.textTokens;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Tokens the model spent reasoning ({@code reasoning_tokens}); billed as completion tokens. */
  public int reasoningTokens() {
    return reasoningTokens;
  }

  /** Audio output tokens ({@code audio_tokens}). */
  public int audioTokens() {
    return audioTokens;
  }

  /**
   * Predicted-output tokens that appeared in the completion ({@code accepted_prediction_tokens}).
   */
  public int acceptedPredictionTokens() {
    return acceptedPredictionTokens;
  }

  /** Predicted-output tokens that did not appear ({@code rejected_prediction_tokens}). */
  public int rejectedPredictionTokens() {
    return rejectedPredictionTokens;
  }

  /** Text output tokens ({@code text_tokens}), when sent. */
  public Optional<Integer> textTokens() {
    return Optional.ofNullable(textTokens);
  }

  /** Provider fields this type does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof CompletionTokensDetails)) {
      return false;
    }
    CompletionTokensDetails that = (CompletionTokensDetails) o;
    return reasoningTokens == that.reasoningTokens
        && audioTokens == that.audioTokens
        && acceptedPredictionTokens == that.acceptedPredictionTokens
        && rejectedPredictionTokens == that.rejectedPredictionTokens
        && Objects.equals(textTokens, that.textTokens)
        && extra.equals(that.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        reasoningTokens,
        audioTokens,
        acceptedPredictionTokens,
        rejectedPredictionTokens,
        textTokens,
        extra);
  }

  @Override
  public String toString() {
    return "CompletionTokensDetails{reasoningTokens="
        + reasoningTokens
        + ", audioTokens="
        + audioTokens
        + ", acceptedPredictionTokens="
        + acceptedPredictionTokens
        + ", rejectedPredictionTokens="
        + rejectedPredictionTokens
        + (textTokens != null ? ", textTokens=" + textTokens : "")
        + "}";
  }

  /** Builds {@link CompletionTokensDetails}. */
  public static final class Builder {
    private int reasoningTokens;
    private int audioTokens;
    private int acceptedPredictionTokens;
    private int rejectedPredictionTokens;
    private @Nullable Integer textTokens;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(CompletionTokensDetails d) {
      reasoningTokens = d.reasoningTokens;
      audioTokens = d.audioTokens;
      acceptedPredictionTokens = d.acceptedPredictionTokens;
      rejectedPredictionTokens = d.rejectedPredictionTokens;
      textTokens = d.textTokens;
      extra = d.extra;
    }

    public Builder reasoningTokens(int reasoningTokens) {
      this.reasoningTokens = reasoningTokens;
      return this;
    }

    public Builder audioTokens(int audioTokens) {
      this.audioTokens = audioTokens;
      return this;
    }

    public Builder acceptedPredictionTokens(int acceptedPredictionTokens) {
      this.acceptedPredictionTokens = acceptedPredictionTokens;
      return this;
    }

    public Builder rejectedPredictionTokens(int rejectedPredictionTokens) {
      this.rejectedPredictionTokens = rejectedPredictionTokens;
      return this;
    }

    public Builder textTokens(@Nullable Integer textTokens) {
      this.textTokens = textTokens;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public CompletionTokensDetails build() {
      return new CompletionTokensDetails(this);
    }
  }
}
