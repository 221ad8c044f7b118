package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /chat/completions} ({@code CreateChatCompletionRequest}). Null fields are
 * left out; {@code extraBody} is merged into the top-level object verbatim.
 */
public record ChatCompletionRequestDto(
    String model,
    List<RequestMessageDto> messages,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer n,
    @Nullable List<String> stop,
    @Nullable Integer maxTokens,
    @Nullable Integer maxCompletionTokens,
    @Nullable Double presencePenalty,
    @Nullable Double frequencyPenalty,
    @Nullable Map<String, Integer> logitBias,
    @Nullable Boolean logprobs,
    @Nullable Integer topLogprobs,
    @Nullable String user,
    @Nullable Long seed,
    @Nullable String reasoningEffort,
    @Nullable List<ToolDto> tools,
    @Nullable Object toolChoice,
    @Nullable Boolean parallelToolCalls,
    @Nullable ResponseFormatDto responseFormat,
    @Nullable Boolean stream,
    @Nullable StreamOptionsDto streamOptions,
    @JsonAnyGetter Map<String, Object> extraBody) {

  /** A copy with {@code stream: true} and, if asked, {@code stream_options.include_usage}. */
  public ChatCompletionRequestDto streaming(boolean includeUsage) {
    return new ChatCompletionRequestDto(
        model,
        messages,
        temperature,
        topP,
        n,
        stop,
        maxTokens,
        maxCompletionTokens,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        logprobs,
        topLogprobs,
        user,
        seed,
        reasoningEffort,
        tools,
        toolChoice,
        parallelToolCalls,
        responseFormat,
        true,
        includeUsage ? new StreamOptionsDto(true) : null,
        extraBody);
  }

  /** {@code tools[]}: a function the model may call. */
  public record ToolDto(String type, FunctionDto function) {}

  /** A function definition; {@code parameters} is a JSON Schema object. */
  public record FunctionDto(
      String name,
      @Nullable String description,
      @Nullable Map<String, Object> parameters,
      @Nullable Boolean strict) {}

  /** {@code response_format}: {@code text}, {@code json_object} or {@code json_schema}. */
  public record ResponseFormatDto(String type, @Nullable JsonSchemaDto jsonSchema) {}

  /** {@code response_format.json_schema}. */
  public record JsonSchemaDto(
      String name,
      @Nullable String description,
      @Nullable Map<String, Object> schema,
      @Nullable Boolean strict) {}

  /** {@code stream_options}. */
  public record StreamOptionsDto(@Nullable Boolean includeUsage) {}
}
