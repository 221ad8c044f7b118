package dev.llmkit.openai.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * Parses the {@code data} of one server-sent event into a chunk. One instance serves one
 * subscription, so it may track state (which choices have finished).
 */
public interface ChunkParser<T> {
  /**
   * Receives the headers of the successful response before the first event, e.g. to quote its
   * {@code x-request-id} in errors.
   */
  default void onOpen(okhttp3.Headers headers) {}

  /** Like {@link #onOpen(okhttp3.Headers)}, with the status; delegates to it by default. */
  default void onOpen(int status, okhttp3.Headers headers) {
    onOpen(headers);
  }

  /**
   * Returns the chunk for {@code data}, or null to skip the event.
   *
   * @throws dev.llmkit.LlmException for an error object inside the stream
   * @throws RuntimeException for malformed data (reported as a stream error)
   */
  @Nullable T parse(String data);

  /**
   * Whether a stream that ends now, without {@code [DONE]}, is complete: every choice seen has a
   * finish reason. When false, the end is reported as a cut stream, never silently.
   */
  boolean isComplete();
}
