package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message as sent in {@code messages[]}: {@code content} is a string or a list of content-part
 * objects; {@code extra} is merged into the message object verbatim.
 */
public record RequestMessageDto(
    String role,
    @Nullable Object content,
    @Nullable String name,
    @Nullable String refusal,
    @Nullable List<ToolCallDto> toolCalls,
    @Nullable String toolCallId,
    @JsonAnyGetter Map<String, Object> extra) {}
