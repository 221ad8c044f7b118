package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion ({@code CreateChatCompletionResponse}) or one streamed chunk of it ({@code
 * CreateChatCompletionStreamResponse}: choices carry a {@code delta} instead of a {@code message}).
 * A chunk may instead carry an {@code error}, which some servers send inside a 200 stream.
 */
public record ChatCompletionDto(
    @Nullable String id,
    @Nullable String object,
    @Nullable Long created,
    @Nullable String model,
    @Nullable String systemFingerprint,
    @Nullable String serviceTier,
    List<Choice> choices,
    @Nullable UsageDto usage,
    @Nullable ErrorDto error,
    @JsonAnySetter Map<String, Object> extra) {
  public ChatCompletionDto {
    choices = WireJson.list(choices);
    extra = WireJson.extra(extra);
  }

  /** One choice; {@code message} in a completion, {@code delta} in a chunk. */
  public record Choice(
      @Nullable Integer index,
      @Nullable ChatMessageDto message,
      @Nullable ChatMessageDto delta,
      @Nullable String finishReason,
      @Nullable LogprobsDto logprobs,
      @JsonAnySetter Map<String, Object> extra) {
    public Choice {
      extra = WireJson.extra(extra);
    }
  }
}
