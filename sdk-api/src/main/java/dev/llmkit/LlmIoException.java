package dev.llmkit;

import org.jspecify.annotations.Nullable;

/** The provider could not be reached, or did not answer in time (connect, read or call timeout). */
public class LlmIoException extends LlmException {
  private static final long serialVersionUID = 1L;

  private final boolean timeout;

  public LlmIoException(String provider, String message, @Nullable Throwable cause) {
    this(provider, message, cause, false);
  }

  private LlmIoException(
      String provider, String message, @Nullable Throwable cause, boolean timeout) {
    super(provider, message, cause);
    this.timeout = timeout;
  }

  /** A call that did not complete in time; {@link #isTimeout()} is true. */
  public static LlmIoException timeout(String provider, String message, @Nullable Throwable cause) {
    return new LlmIoException(provider, message, cause, true);
  }

  /** Whether this failure was a timeout rather than a refused or reset connection. */
  public boolean isTimeout() {
    return timeout;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
