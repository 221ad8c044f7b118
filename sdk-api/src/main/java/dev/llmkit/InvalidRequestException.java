package dev.llmkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the request itself (400, 404, 409, 413, 422 and other 4xx except 401, 403, 408 and 429): a bad parameter, an unknown model or file, a request too large. Retrying the same request fails again, except for 409 (a conflicting concurrent change).
 *
 * <p>Create it with {@link LlmApiException#of}, which picks the type by status.
 */
public final class InvalidRequestException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(
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
