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
 * RateLimitException} (429) and {@link ServerException} (5xx). A 408 is an {@code LlmApiException}
 * itself. Create one with {@link #builder}, which picks the type by status.
 *
 * <p>The message reads {@code "openai: 429 rate_limit_exceeded: <server message> (request req_1)"}.
 * Anything in it, and in {@link #rawBody()}, that looks like an API key is replaced by {@code ***}.
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
  private final Map<String, List<String>> responseHeaders;

  /** Creates the exception {@code builder} describes; {@link Builder#build()} calls it. */
  LlmApiException(Builder b) {
    super(
        b.provider,
        format(b.provider, b.statusCode, b.errorType, b.errorCode, b.message, b.requestId));
    this.statusCode = b.statusCode;
    this.errorType = b.errorType;
    this.errorCode = b.errorCode;
    this.param = b.param;
    this.requestId = b.requestId;
    this.retryAfter = b.retryAfter;
    this.serverMessage = printableText(Redaction.redact(b.message == null ? "" : b.message));
    this.rawBody =
        b.rawBody == null ? "" : Redaction.truncate(Redaction.redact(b.rawBody), MAX_RAW_BODY);
    this.responseHeaders = b.responseHeaders;
  }

  /**
   * Starts an exception for one error response of {@code provider} with HTTP status {@code
   * statusCode}. {@link Builder#build()} picks the type by status: 401 and 403 {@link
   * AuthenticationException}, 429 {@link RateLimitException}, 5xx {@link ServerException}, 408 and
   * statuses outside 4xx/5xx {@link LlmApiException}, other 4xx {@link InvalidRequestException}.
   */
  public static Builder builder(String provider, int statusCode) {
    return new Builder(provider, statusCode);
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

  /** True for 408, 409, 429 and 5xx: statuses where the same request may succeed later. */
  @Override
  public boolean isRetryable() {
    return statusCode == 408 || statusCode == 409 || statusCode == 429 || statusCode >= 500;
  }

  /** Builds an {@link LlmApiException}; every field but the provider and status is optional. */
  public static final class Builder {
    private final String provider;
    private final int statusCode;
    private @Nullable String errorType;
    private @Nullable String errorCode;
    private @Nullable String param;
    private @Nullable String requestId;
    private @Nullable Duration retryAfter;
    private String message = "";
    private @Nullable String rawBody;
    private Map<String, List<String>> responseHeaders = Map.of();

    private Builder(String provider, int statusCode) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
      this.statusCode = statusCode;
    }

    /** The error's {@code type}, e.g. {@code invalid_request_error}. */
    public Builder errorType(@Nullable String errorType) {
      this.errorType = errorType;
      return this;
    }

    /** The error's {@code code}, e.g. {@code rate_limit_exceeded}. */
    public Builder errorCode(@Nullable String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    /** The request parameter the error is about, e.g. {@code temperature}. */
    public Builder param(@Nullable String param) {
      this.param = param;
      return this;
    }

    /** The provider's request id. */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** How long the provider asked callers to wait ({@code Retry-After}). */
    public Builder retryAfter(@Nullable Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /** The server's error message, or a description when the body had none. */
    public Builder message(@Nullable String message) {
      this.message = message == null ? "" : message;
      return this;
    }

    /** The response body as received; kept up to {@link #MAX_RAW_BODY} characters. */
    public Builder rawBody(@Nullable String rawBody) {
      this.rawBody = rawBody;
      return this;
    }

    /** The headers of the error response; names are kept in lower case. */
    public Builder responseHeaders(Map<String, List<String>> headers) {
      Objects.requireNonNull(headers, "headers == null");
      Map<String, List<String>> copy = new TreeMap<>();
      headers.forEach(
          (name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      this.responseHeaders = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Returns the exception of the type that {@link #builder} names for the status. */
    public LlmApiException build() {
      if (statusCode == 401 || statusCode == 403) {
        return new AuthenticationException(this);
      }
      if (statusCode == 429) {
        return new RateLimitException(this);
      }
      if (statusCode >= 500 && statusCode <= 599) {
        return new ServerException(this);
      }
      if (statusCode >= 400 && statusCode <= 499 && statusCode != 408) {
        return new InvalidRequestException(this);
      }
      return new LlmApiException(this);
    }
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
