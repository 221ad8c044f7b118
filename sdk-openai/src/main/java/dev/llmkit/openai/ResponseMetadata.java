package dev.llmkit.openai;

import dev.llmkit.LlmApiException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP response of one call said besides its body: status, request id ({@code
 * x-request-id}), processing time ({@code openai-processing-ms}), rate limits, and every header.
 * Get it with {@link OpenAiClient#withResponseMetadata()} for successful calls and streams, or with
 * {@link #of(LlmApiException)} from an error.
 *
 * <pre>{@code
 * WithMetadata<ChatResponse> r = client.withResponseMetadata().chat(request);
 * r.metadata().requestId().ifPresent(id -> log.info("request {}", id));
 * r.metadata().rateLimits().remainingTokens().ifPresent(left -> ...);
 * }</pre>
 *
 * @since 0.2
 */
public final class ResponseMetadata {
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final RateLimits rateLimits;

  private ResponseMetadata(int statusCode, Map<String, List<String>> headers) {
    this.statusCode = statusCode;
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach(
        (name, values) -> copy.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.rateLimits = RateLimits.of(this.headers);
  }

  /** Metadata of a response with {@code headers} (names in any case). */
  public static ResponseMetadata of(int statusCode, Map<String, List<String>> headers) {
    return new ResponseMetadata(statusCode, Objects.requireNonNull(headers, "headers == null"));
  }

  /** Metadata of the error response behind {@code e}: its status and recorded headers. */
  public static ResponseMetadata of(LlmApiException e) {
    return new ResponseMetadata(e.statusCode(), e.responseHeaders());
  }

  /** The HTTP status, e.g. 200. */
  public int statusCode() {
    return statusCode;
  }

  /** OpenAI's request id ({@code x-request-id}); quote it in support requests. */
  public Optional<String> requestId() {
    return Optional.ofNullable(header("x-request-id"));
  }

  /** How long OpenAI spent on the request ({@code openai-processing-ms}). */
  public Optional<Duration> processingTime() {
    String ms = header("openai-processing-ms");
    if (ms == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofNanos(Math.round(Double.parseDouble(ms.strip()) * 1e6)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The rate-limit headers, parsed. */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /** Every response header, read-only, names in lower case, values in order. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Prints status, request id and rate limits; never header values that may carry secrets. */
  @Override
  public String toString() {
    return "ResponseMetadata{"
        + statusCode
        + ", request="
        + requestId().orElse("-")
        + ", "
        + rateLimits
        + "}";
  }
}
