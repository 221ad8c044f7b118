package dev.llmkit.openai.internal.wire;

/**
 * A response body that parsed as JSON but lacks what the API promises (a chat completion without
 * {@code choices}, a choice without {@code message}, a {@code null} choice). The message says what
 * is missing and what was expected; the transport reports it as a malformed response.
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
