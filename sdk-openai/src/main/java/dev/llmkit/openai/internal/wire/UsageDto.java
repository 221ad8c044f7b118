package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Token counts ({@code CompletionUsage}); read as longs so no count rejects a response. */
public record UsageDto(
    @Nullable Long promptTokens,
    @Nullable Long completionTokens,
    @Nullable Long totalTokens,
    @Nullable PromptDetails promptTokensDetails,
    @Nullable CompletionDetails completionTokensDetails,
    @JsonAnySetter Map<String, Object> extra) {
  public UsageDto {
    extra = WireJson.extra(extra);
  }

  /** {@code prompt_tokens_details}. */
  public record PromptDetails(
      @Nullable Long cachedTokens,
      @Nullable Long audioTokens,
      @Nullable Long cacheWriteTokens,
      @Nullable Long textTokens,
      @Nullable Long imageTokens,
      @JsonAnySetter Map<String, Object> extra) {
    public PromptDetails {
      extra = WireJson.extra(extra);
    }
  }

  /** {@code completion_tokens_details}. */
  public record CompletionDetails(
      @Nullable Long reasoningTokens,
      @Nullable Long audioTokens,
      @Nullable Long acceptedPredictionTokens,
      @Nullable Long rejectedPredictionTokens,
      @Nullable Long textTokens,
      @JsonAnySetter Map<String, Object> extra) {
    public CompletionDetails {
      extra = WireJson.extra(extra);
    }
  }
}
