package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tool call in a message, or a fragment of one in a stream delta (then {@code index} is set and
 * every other field may be partial or absent).
 */
public record ToolCallDto(
    @Nullable Integer index,
    @Nullable String id,
    @Nullable String type,
    @Nullable FunctionCallDto function,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
  public ToolCallDto {
    extra = WireJson.extra(extra);
  }

  /** The function a tool call names; {@code arguments} is JSON text as the model wrote it. */
  public record FunctionCallDto(@Nullable String name, @Nullable String arguments) {}
}
