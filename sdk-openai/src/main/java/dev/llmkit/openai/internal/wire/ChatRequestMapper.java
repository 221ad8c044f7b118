package dev.llmkit.openai.internal.wire;

import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps a {@link ChatRequest} to the {@code /chat/completions} body. Pure static functions. */
public final class ChatRequestMapper {
  private ChatRequestMapper() {}

  public static ChatCompletionRequestDto toDto(ChatRequest r) {
    List<RequestMessageDto> messages = new ArrayList<>(r.messages().size());
    for (ChatMessage m : r.messages()) {
      messages.add(message(m));
    }
    List<ChatCompletionRequestDto.ToolDto> tools = null;
    if (!r.tools().isEmpty()) {
      tools = new ArrayList<>();
      for (ToolDefinition t : r.tools()) {
        tools.add(new ChatCompletionRequestDto.ToolDto(t.type(), function(t.function())));
      }
    }
    return new ChatCompletionRequestDto(
        r.model(),
        messages,
        r.temperature(),
        r.topP(),
        r.n(),
        r.stop().isEmpty() ? null : r.stop(),
        r.maxTokens(),
        r.maxCompletionTokens(),
        r.presencePenalty(),
        r.frequencyPenalty(),
        r.logitBias().isEmpty() ? null : r.logitBias(),
        r.logprobs(),
        r.topLogprobs(),
        r.user(),
        r.seed(),
        r.reasoningEffort() == null ? null : r.reasoningEffort().value(),
        tools,
        toolChoice(r.toolChoice()),
        r.parallelToolCalls(),
        responseFormat(r.responseFormat()),
        null,
        null,
        r.extraBody());
  }

  /** Whether a stream of {@code r} asks for the final usage chunk. */
  public static boolean includeUsage(ChatRequest r) {
    return Boolean.TRUE.equals(r.streamIncludeUsage());
  }

  static RequestMessageDto message(ChatMessage m) {
    Object content = m.content().orElse(null);
    if (content == null && !m.contentParts().isEmpty()) {
      List<Map<String, Object>> parts = new ArrayList<>();
      for (ContentPart p : m.contentParts()) {
        parts.add(part(p));
      }
      content = parts;
    }
    List<ToolCallDto> calls = null;
    if (!m.toolCalls().isEmpty()) {
      calls = new ArrayList<>();
      for (ToolCall c : m.toolCalls()) {
        calls.add(
            new ToolCallDto(
                null,
                c.id(),
                c.type(),
                new ToolCallDto.FunctionCallDto(c.name(), c.arguments()),
                c.extra()));
      }
    }
    return new RequestMessageDto(
        m.role().value(),
        content,
        m.name().orElse(null),
        m.refusal().orElse(null),
        calls,
        m.toolCallId().orElse(null),
        m.extra());
  }

  static Map<String, Object> part(ContentPart p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", p.type());
    p.text().ifPresent(text -> out.put("text", text));
    p.imageUrl()
        .ifPresent(
            url -> {
              Map<String, Object> image = new LinkedHashMap<>();
              image.put("url", url);
              p.detail().ifPresent(d -> image.put("detail", d.value()));
              out.put("image_url", image);
            });
    out.putAll(p.extra());
    return out;
  }

  static ChatCompletionRequestDto.FunctionDto function(FunctionDefinition f) {
    return new ChatCompletionRequestDto.FunctionDto(
        f.name(),
        f.description().orElse(null),
        f.parameters().isEmpty() ? null : f.parameters(),
        f.strict().orElse(null));
  }

  static @Nullable Object toolChoice(@Nullable ToolChoice choice) {
    if (choice == null) {
      return null;
    }
    if (choice.functionName().isPresent()) {
      return Map.of("type", "function", "function", Map.of("name", choice.functionName().get()));
    }
    return choice.mode();
  }

  static ChatCompletionRequestDto.@Nullable ResponseFormatDto responseFormat(
      @Nullable ResponseFormat f) {
    if (f == null) {
      return null;
    }
    ChatCompletionRequestDto.JsonSchemaDto schema = null;
    if ("json_schema".equals(f.type())) {
      schema =
          new ChatCompletionRequestDto.JsonSchemaDto(
              f.name().orElse("response"),
              f.description().orElse(null),
              f.schema(),
              f.strict().orElse(null));
    }
    return new ChatCompletionRequestDto.ResponseFormatDto(f.type(), schema);
  }
}
