package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A legacy text completion ({@code CreateCompletionResponse}), or one streamed chunk of it. */
public record CompletionDto(
    @Nullable String id,
    @Nullable String object,
    @Nullable Long created,
    @Nullable String model,
    @Nullable String systemFingerprint,
    List<Choice> choices,
    @Nullable UsageDto usage,
    @Nullable ErrorDto error,
    @JsonAnySetter Map<String, Object> extra) {
  public CompletionDto {
    choices = WireJson.list(choices);
    extra = WireJson.extra(extra);
  }

  /** One generated text. */
  public record Choice(
      @Nullable Integer index,
      @Nullable String text,
      @Nullable String finishReason,
      LogprobsDto.@Nullable LegacyDto logprobs,
      @JsonAnySetter Map<String, Object> extra) {
    public Choice {
      extra = WireJson.extra(extra);
    }
  }
}
