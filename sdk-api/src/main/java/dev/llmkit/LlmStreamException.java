package dev.llmkit;

import org.jspecify.annotations.Nullable;

/**
 * A stream failed after it had started: a malformed chunk, an error event after a successful
 * response, or a connection cut before every choice had finished.
 */
public class LlmStreamException extends LlmException {
  private static final long serialVersionUID = 1L;

  public LlmStreamException(String provider, String message) {
    super(provider, message);
  }

  public LlmStreamException(String provider, String message, @Nullable Throwable cause) {
    super(provider, message, cause);
  }
}
