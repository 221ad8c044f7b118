package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /completions} ({@code CreateCompletionRequest}). */
public record CompletionRequestDto(
    String model,
    Object prompt,
    @Nullable String suffix,
    @Nullable Integer maxTokens,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer n,
    @Nullable Integer logprobs,
    @Nullable Boolean echo,
    @Nullable List<String> stop,
    @Nullable Double presencePenalty,
    @Nullable Double frequencyPenalty,
    @Nullable Integer bestOf,
    @Nullable Map<String, Integer> logitBias,
    @Nullable String user,
    @Nullable Long seed,
    @Nullable Boolean stream,
    ChatCompletionRequestDto.@Nullable StreamOptionsDto streamOptions,
    @JsonAnyGetter Map<String, Object> extraBody) {

  /** A copy with {@code stream: true} and, if asked, {@code stream_options.include_usage}. */
  public CompletionRequestDto streaming(boolean includeUsage) {
    return new CompletionRequestDto(
        model,
        prompt,
        suffix,
        maxTokens,
        temperature,
        topP,
        n,
        logprobs,
        echo,
        stop,
        presencePenalty,
        frequencyPenalty,
        bestOf,
        logitBias,
        user,
        seed,
        true,
        includeUsage ? new ChatCompletionRequestDto.StreamOptionsDto(true) : null,
        extraBody);
  }
}
