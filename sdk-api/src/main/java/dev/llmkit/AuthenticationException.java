package dev.llmkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the credentials (401) or denied access to the resource (403). Not retryable: fix the API key, organization or project.
 *
 * <p>Create it with {@link LlmApiException#of}, which picks the type by status.
 */
public final class AuthenticationException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(
      String provider,
      int statusCode,
      @Nullable String errorType,
      @Nullable String errorCode,
      @Nullable String param,
      @Nullable String requestId,
      @Nullable Duration retryAfter,
      String message,
      @Nullable String rawBody) {
    super(
        provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message, rawBody);
  }
}
