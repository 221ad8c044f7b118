package dev.llmkit;

/**
 * The provider throttled the request (429). Retryable; wait {@link #retryAfter()} when present. A
 * 429 whose {@link #errorCode()} is {@code insufficient_quota} will not succeed until the quota
 * grows.
 *
 * <p>Create it with {@link LlmApiException#builder}, which picks the type by status.
 */
public final class RateLimitException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  RateLimitException(Builder builder) {
    super(builder);
  }
}
