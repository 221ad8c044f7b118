package dev.llmkit;

/**
 * The provider rejected the credentials (401) or denied access to the resource (403). Not
 * retryable: fix the API key, organization or project.
 *
 * <p>Create it with {@link LlmApiException#builder}, which picks the type by status.
 */
public final class AuthenticationException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(Builder builder) {
    super(builder);
  }
}
