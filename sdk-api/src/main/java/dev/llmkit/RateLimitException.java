package dev.llmkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider throttled the request (429). Retryable; wait {@link #retryAfter()} when present. A 429 whose {@link #errorCode()} is {@code insufficient_quota} will not succeed until the quota grows.
 *
 * <p>Create it with {@link LlmApiException#of}, which picks the type by status.
 */
public final class RateLimitException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  public RateLimitException(
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
