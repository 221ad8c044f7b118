package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Token counts ({@code CompletionUsage}). */
public record UsageDto(
    @Nullable Integer promptTokens,
    @Nullable Integer completionTokens,
    @Nullable Integer totalTokens,
    @Nullable PromptDetails promptTokensDetails,
    @Nullable CompletionDetails completionTokensDetails,
    @JsonAnySetter Map<String, Object> extra) {
  public UsageDto {
    extra = WireJson.extra(extra);
  }

  /** {@code prompt_tokens_details}. */
  public record PromptDetails(
      @Nullable Integer cachedTokens,
      @Nullable Integer audioTokens,
      @Nullable Integer cacheWriteTokens,
      @Nullable Integer textTokens,
      @Nullable Integer imageTokens,
      @JsonAnySetter Map<String, Object> extra) {
    public PromptDetails {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code completion_tokens_details}. */
  public record CompletionDetails(
      @Nullable Integer reasoningTokens,
      @Nullable Integer audioTokens,
      @Nullable Integer acceptedPredictionTokens,
      @Nullable Integer rejectedPredictionTokens,
      @Nullable Integer textTokens,
      @JsonAnySetter Map<String, Object> extra) {
    public CompletionDetails {
      extra = WireJson.extra(extra);
    }
  }
}
