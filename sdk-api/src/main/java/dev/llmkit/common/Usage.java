package dev.llmkit.common;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Token counts for one request. Immutable; build with {@link #builder()}.
 *
 * <p>Embedding responses count prompt tokens only; their {@link #completionTokens()} is 0. When
 * {@link Builder#totalTokens(int)} is not set, the total is prompt plus completion tokens.
 */
public final class Usage {
  private final int promptTokens;
  private final int completionTokens;
  private final int totalTokens;
  private final @Nullable PromptTokensDetails promptTokensDetails;
  private final @Nullable CompletionTokensDetails completionTokensDetails;
  private final Map<String, Object> extra;

  private Usage(Builder b) {
    Checks.check(b.promptTokens >= 0, "promptTokens is " + b.promptTokens + "; it must be >= 0");
    Checks.check(
        b.completionTokens >= 0, "completionTokens is " + b.completionTokens + "; it must be >= 0");
    this.promptTokens = b.promptTokens;
    this.completionTokens = b.completionTokens;
    this.totalTokens = b.totalTokens != null ? b.totalTokens : b.promptTokens + b.completionTokens;
    Checks.check(totalTokens >= 0, "totalTokens is " + totalTokens + "; it must be >= 0");
    this.promptTokensDetails = b.promptTokensDetails;
    this.completionTokensDetails = b.completionTokensDetails;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns usage with the given prompt and completion counts and their sum as the total. */
  public static Usage of(int promptTokens, int completionTokens) {
    return builder().promptTokens(promptTokens).completionTokens(completionTokens).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Tokens in the prompt. */
  public int promptTokens() {
    return promptTokens;
  }

  /** Tokens generated, including reasoning tokens. */
  public int completionTokens() {
    return completionTokens;
  }

  /** Tokens billed for the request. */
  public int totalTokens() {
    return totalTokens;
  }

  /** The prompt-side breakdown ({@code prompt_tokens_details}), when the provider sends it. */
  public Optional<PromptTokensDetails> promptTokensDetails() {
    return Optional.ofNullable(promptTokensDetails);
  }

  /** The completion-side breakdown ({@code completion_tokens_details}), when sent. */
  public Optional<CompletionTokensDetails> completionTokensDetails() {
    return Optional.ofNullable(completionTokensDetails);
  }

  /** Provider fields this type does not model, by their wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Usage)) {
      return false;
    }
    Usage that = (Usage) o;
    return promptTokens == that.promptTokens
        && completionTokens == that.completionTokens
        && totalTokens == that.totalTokens
        && Objects.equals(promptTokensDetails, that.promptTokensDetails)
        && Objects.equals(completionTokensDetails, that.completionTokensDetails)
        && extra.equals(that.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        promptTokens,
        completionTokens,
        totalTokens,
        promptTokensDetails,
        completionTokensDetails,
        extra);
  }

  @Override
  public String toString() {
    return "Usage{promptTokens="
        + promptTokens
        + ", completionTokens="
        + completionTokens
        + ", totalTokens="
        + totalTokens
        + (promptTokensDetails != null ? ", " + promptTokensDetails : "")
        + (completionTokensDetails != null ? ", " + completionTokensDetails : "")
        + (extra.isEmpty() ? "" : ", extra=" + extra.keySet())
        + "}";
  }

  /** Builds {@link Usage}. Counts default to 0. */
  public static final class Builder {
    private int promptTokens;
    private int completionTokens;
    private @Nullable Integer totalTokens;
    private @Nullable PromptTokensDetails promptTokensDetails;
    private @Nullable CompletionTokensDetails completionTokensDetails;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(Usage u) {
      promptTokens = u.promptTokens;
      completionTokens = u.completionTokens;
      totalTokens = u.totalTokens;
      promptTokensDetails = u.promptTokensDetails;
      completionTokensDetails = u.completionTokensDetails;
      extra = u.extra;
    }

    public Builder promptTokens(int promptTokens) {
      this.promptTokens = promptTokens;
      return this;
    }

    public Builder completionTokens(int completionTokens) {
      this.completionTokens = completionTokens;
      return this;
    }

    public Builder totalTokens(int totalTokens) {
      this.totalTokens = totalTokens;
      return this;
    }

    public Builder promptTokensDetails(@Nullable PromptTokensDetails details) {
      this.promptTokensDetails = details;
      return this;
    }

    public Builder completionTokensDetails(@Nullable CompletionTokensDetails details) {
      this.completionTokensDetails = details;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public Usage build() {
      return new Usage(this);
    }
  }
}
