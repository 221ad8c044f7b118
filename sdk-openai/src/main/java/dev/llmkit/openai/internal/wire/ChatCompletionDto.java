package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion ({@code CreateChatCompletionResponse}) or one streamed chunk of it ({@code
 * CreateChatCompletionStreamResponse}: choices carry a {@code delta} instead of a {@code message}).
 * A chunk may instead carry an {@code error}, which some servers send inside a 200 stream. {@code
 * choices} stays null when absent, so a completion without it can be told apart.
 */
public record ChatCompletionDto(
    @Nullable String id,
    @Nullable String object,
    @Nullable Long created,
    @Nullable String model,
    @Nullable String systemFingerprint,
    @Nullable String serviceTier,
    @Nullable List<Choice> choices,
    @Nullable UsageDto usage,
    @Nullable ErrorDto error,
    @JsonAnySetter Map<String, Object> extra) {
  public ChatCompletionDto {
    choices = choices == null ? null : Collections.unmodifiableList(choices);
    extra = WireJson.extra(extra);
  }

  /** The choices, empty when the field was absent or null; elements may be null. */
  public List<Choice> choiceList() {
    return choices == null ? List.of() : choices;
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
