package dev.llmkit;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error llmkit raises. Unchecked, like the exceptions of OkHttp and openai-java.
 *
 * <p>Messages name the provider and what went wrong; they never contain an API key, request
 * headers or prompt text.
 */
public class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String provider;

  public LlmException(String provider, String message) {
    this(provider, message, null);
  }

  public LlmException(String provider, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.provider = provider;
  }

  /** The id of the provider that raised this error, e.g. {@code "openai"} or {@code "local"}. */
  public String provider() {
    return provider;
  }

  /** Whether sending the same request again may succeed. */
  public boolean isRetryable() {
    return false;
  }
}
