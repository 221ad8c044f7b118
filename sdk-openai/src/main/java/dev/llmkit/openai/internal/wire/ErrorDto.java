package dev.llmkit.openai.internal.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error} object of an OpenAI error body or stream event. {@code code} is a string at
 * OpenAI and a number at some compatible servers, so it is kept as read.
 */
public record ErrorDto(
    @Nullable String message,
    @Nullable String type,
    @Nullable String param,
    @Nullable Object code,
    @JsonAnySetter Map<String, Object> extra) {
  public ErrorDto {
    extra = WireJson.extra(extra);
  }

  /** The body {@code {"error": {...}}}. */
  public record Envelope(@Nullable ErrorDto error) {}
}
