package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat message as sent in a request, received in a response, or as a stream {@code delta}. {@code
 * content} is text; unknown fields (audio, annotations, ...) land in {@code extra}.
 */
public record ChatMessageDto(
    @Nullable String role,
    @Nullable String content,
    @Nullable String name,
    @Nullable String refusal,
    @Nullable List<ToolCallDto> toolCalls,
    @Nullable String toolCallId,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
  public ChatMessageDto {
    // Keeps null elements (List.copyOf would throw): the mapper reports them by index.
    toolCalls = toolCalls == null ? null : Collections.unmodifiableList(new ArrayList<>(toolCalls));
    extra = WireJson.extra(extra);
  }
}
