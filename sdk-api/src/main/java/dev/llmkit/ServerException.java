package dev.llmkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider failed (5xx). Retryable.
 *
 * <p>Create it with {@link LlmApiException#of}, which picks the type by status.
 */
public final class ServerException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(
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
