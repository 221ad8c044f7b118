package dev.llmkit.openai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's rate-limit headers of one response: {@code x-ratelimit-limit-requests}, {@code
 * -remaining-requests}, {@code -reset-requests} and the same three for tokens. Every value is
 * optional: compatible servers often send none. Reset durations are parsed from OpenAI's format
 * ({@code 6.5s}, {@code 1m0s}, {@code 120ms}, {@code 1h2m3s}).
 *
 * @since 0.2
 */
public final class RateLimits {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

  private final @Nullable Long limitRequests;
  private final @Nullable Long remainingRequests;
  private final @Nullable Duration resetRequests;
  private final @Nullable Long limitTokens;
  private final @Nullable Long remainingTokens;
  private final @Nullable Duration resetTokens;

  private RateLimits(Map<String, List<String>> headers) {
    limitRequests = number(headers, "x-ratelimit-limit-requests");
    remainingRequests = number(headers, "x-ratelimit-remaining-requests");
    resetRequests = duration(first(headers, "x-ratelimit-reset-requests"));
    limitTokens = number(headers, "x-ratelimit-limit-tokens");
    remainingTokens = number(headers, "x-ratelimit-remaining-tokens");
    resetTokens = duration(first(headers, "x-ratelimit-reset-tokens"));
  }

  /** Reads the headers; names in lower case, as {@link ResponseMetadata#headers()} has them. */
  static RateLimits of(Map<String, List<String>> headers) {
    return new RateLimits(headers);
  }

  /** Requests allowed per window ({@code x-ratelimit-limit-requests}). */
  public OptionalLong limitRequests() {
    return optional(limitRequests);
  }

  /** Requests left in the window ({@code x-ratelimit-remaining-requests}). */
  public OptionalLong remainingRequests() {
    return optional(remainingRequests);
  }

  /** Time until the request limit resets ({@code x-ratelimit-reset-requests}). */
  public Optional<Duration> resetRequests() {
    return Optional.ofNullable(resetRequests);
  }

  /** Tokens allowed per window ({@code x-ratelimit-limit-tokens}). */
  public OptionalLong limitTokens() {
    return optional(limitTokens);
  }

  /** Tokens left in the window ({@code x-ratelimit-remaining-tokens}). */
  public OptionalLong remainingTokens() {
    return optional(remainingTokens);
  }

  /** Time until the token limit resets ({@code x-ratelimit-reset-tokens}). */
  public Optional<Duration> resetTokens() {
    return Optional.ofNullable(resetTokens);
  }

  /**
   * Parses a Go-style duration as OpenAI sends it ({@code 6.5s}, {@code 1m0s}, {@code 120ms});
   * empty when {@code text} is absent or not in that form.
   */
  public static Optional<Duration> parseDuration(@Nullable String text) {
    return Optional.ofNullable(duration(text));
  }

  private static @Nullable Duration duration(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = PART.matcher(text.strip());
    double nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      end = m.end();
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "h" -> 3.6e12;
                case "m" -> 6e10;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
              };
    }
    return end == text.strip().length() && end > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static @Nullable Long number(Map<String, List<String>> headers, String name) {
    String v = first(headers, name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static OptionalLong optional(@Nullable Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public String toString() {
    return "RateLimits{requests="
        + remainingRequests
        + "/"
        + limitRequests
        + " reset "
        + resetRequests
        + ", tokens="
        + remainingTokens
        + "/"
        + limitTokens
        + " reset "
        + resetTokens
        + "}";
  }
}
