package dev.llmkit;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the request itself (400, 404, 409, 413, 422 and other 4xx except 401, 403,
 * 408 and 429): a bad parameter, an unknown model or file, a request too large. Retrying the same
 * request fails again, except for 409 (a conflicting concurrent change).
 *
 * <p>Create it with {@link LlmApiException#builder}, which picks the type by status, or with the
 * named factories {@link #invalidParameter} and {@link #notFound}.
 */
public final class InvalidRequestException extends LlmApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorType()} of a request the provider rejected, as OpenAI names it. */
  public static final String INVALID_REQUEST_ERROR = "invalid_request_error";

  InvalidRequestException(Builder builder) {
    super(builder);
  }

  /**
   * A 400 {@code invalid_request_error} about request parameter {@code param} (null: the request as
   * a whole); {@code message} says what is wrong and what would be right.
   */
  public static InvalidRequestException invalidParameter(
      String provider, @Nullable String param, String message) {
    return new InvalidRequestException(
        builder(provider, 400).errorType(INVALID_REQUEST_ERROR).param(param).message(message));
  }

  /**
   * A 404 {@code invalid_request_error} with {@code errorCode} (e.g. {@code model_not_found}): what
   * request parameter {@code param} names does not exist.
   */
  public static InvalidRequestException notFound(
      String provider, String errorCode, String param, String message) {
    return new InvalidRequestException(
        builder(provider, 404)
            .errorType(INVALID_REQUEST_ERROR)
            .errorCode(errorCode)
            .param(param)
            .message(message));
  }
}
