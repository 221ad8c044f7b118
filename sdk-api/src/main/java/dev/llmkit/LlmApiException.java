package dev.llmkit;

import dev.llmkit.internal.Redaction;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The provider answered with an error status. The subclass tells the status family apart: {@link
 * AuthenticationException} (401, 403), {@link InvalidRequestException} (other 4xx), {@link
 * RateLimitException} (429) and {@link ServerException} (5xx). A 408 is an {@code
 * LlmApiException} itself; use {@link #of} to pick the right type for a status.
 *
 * <p>The message reads {@code "openai: 429 rate_limit_exceeded: <server message> (request
 * req_1)"}. Anything in it, and in {@link #rawBody()}, that looks like an API key is replaced by
 * {@code ***}.
 */
public class LlmApiException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** The most characters of the response body {@link #rawBody()} keeps: 4 KiB. */
  public static final int MAX_RAW_BODY = 4096;

  private final int statusCode;
  private final @Nullable String errorType;
  private final @Nullable String errorCode;
  private final @Nullable String param;
  private final @Nullable String requestId;
  private final @Nullable Duration retryAfter;
  private final String serverMessage;
  private final String rawBody;
  private volatile Map<String, List<String>> responseHeaders = Map.of();
  private volatile boolean responseHeadersSet;

  /**
   * Creates an exception for one error response.
   *
   * @param message the server's error message, or a description when the body had none
   * @param rawBody the response body as received; kept up to {@link #MAX_RAW_BODY} characters
   */
  public LlmApiException(
      String provider,
      int statusCode,
      @Nullable String errorType,
      @Nullable String errorCode,
      @Nullable String param,
      @Nullable String requestId,
      @Nullable Duration retryAfter,
      String message,
      @Nullable String rawBody) {
    super(provider, format(provider, statusCode, errorType, errorCode, message, requestId));
    this.statusCode = statusCode;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.param = param;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.serverMessage = printableText(Redaction.redact(message == null ? "" : message));
    this.rawBody =
        rawBody == null ? "" : Redaction.truncate(Redaction.redact(rawBody), MAX_RAW_BODY);
  }

  /**
   * Returns the exception type for {@code statusCode}: 401 and 403 {@link
   * AuthenticationException}, 429 {@link RateLimitException}, 5xx {@link ServerException}, 408
   * and statuses outside 4xx/5xx {@link LlmApiException}, other 4xx {@link
   * InvalidRequestException}.
   */
  public static LlmApiException of(
      String provider,
      int statusCode,
      @Nullable String errorType,
      @Nullable String errorCode,
      @Nullable String param,
      @Nullable String requestId,
      @Nullable Duration retryAfter,
      String message,
      @Nullable String rawBody) {
    if (statusCode == 401 || statusCode == 403) {
      return new AuthenticationException(
          provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message,
          rawBody);
    }
    if (statusCode == 429) {
      return new RateLimitException(
          provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message,
          rawBody);
    }
    if (statusCode >= 500 && statusCode <= 599) {
      return new ServerException(
          provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message,
          rawBody);
    }
    if (statusCode >= 400 && statusCode <= 499 && statusCode != 408) {
      return new InvalidRequestException(
          provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message,
          rawBody);
    }
    return new LlmApiException(
        provider, statusCode, errorType, errorCode, param, requestId, retryAfter, message, rawBody);
  }

  /** The HTTP status, e.g. 429. */
  public int statusCode() {
    return statusCode;
  }

  /** The error's {@code type}, e.g. {@code invalid_request_error}, when the body had one. */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The error's {@code code}, e.g. {@code rate_limit_exceeded}, when the body had one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The request parameter the error is about ({@code param}), e.g. {@code temperature}. */
  public Optional<String> param() {
    return Optional.ofNullable(param);
  }

  /** The provider's request id (OpenAI's {@code x-request-id}); quote it in support requests. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** How long the provider asked callers to wait ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The server's own error message, without the provider/status/request-id decoration. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The response body, at most {@link #MAX_RAW_BODY} characters; empty when there was none. */
  public String rawBody() {
    return rawBody;
  }

  /**
   * The headers of the error response, read-only, names in lower case (e.g. {@code
   * x-ratelimit-remaining-requests}); empty when the provider did not record them. The OpenAI
   * provider's {@code ResponseMetadata.of(exception)} parses the rate-limit headers.
   *
   * @since 0.2
   */
  public Map<String, List<String>> responseHeaders() {
    return responseHeaders;
  }

  /**
   * Records the headers of the error response, once, as {@link Throwable#initCause} records a
   * cause; providers call it right after creating the exception. Returns this exception.
   *
   * @throws IllegalStateException if the headers were already recorded
   * @since 0.2
   */
  public LlmApiException initResponseHeaders(Map<String, List<String>> headers) {
    Objects.requireNonNull(headers, "headers == null");
    synchronized (this) {
      if (responseHeadersSet) {
        throw new IllegalStateException("response headers already recorded");
      }
      responseHeadersSet = true;
      Map<String, List<String>> copy = new TreeMap<>();
      headers.forEach((name, values) ->
          copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      responseHeaders = Collections.unmodifiableMap(copy);
    }
    return this;
  }

  /** True for 408, 409, 429 and 5xx: statuses where the same request may succeed later. */
  @Override
  public boolean isRetryable() {
    return statusCode == 408 || statusCode == 409 || statusCode == 429 || statusCode >= 500;
  }

  private static String format(
      String provider,
      int statusCode,
      @Nullable String errorType,
      @Nullable String errorCode,
      @Nullable String message,
      @Nullable String requestId) {
    StringBuilder sb = new StringBuilder().append(provider).append(": ").append(statusCode);
    String code = errorCode != null ? errorCode : errorType;
    if (code != null && !code.isBlank()) {
      sb.append(' ').append(code);
    }
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(Redaction.truncate(message.strip(), 1000));
    }
    if (requestId != null && !requestId.isBlank()) {
      sb.append(" (request ").append(requestId).append(')');
    }
    return Redaction.redact(sb.toString());
  }
}
