package dev.llmkit;

/**
 * The provider failed (5xx). Retryable.
 *
 * <p>Create it with {@link LlmApiException#builder}, which picks the type by status.
 */
public final class ServerException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  ServerException(Builder builder) {
    super(builder);
  }
}
