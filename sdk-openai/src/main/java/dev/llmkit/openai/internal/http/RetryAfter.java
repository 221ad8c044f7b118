package dev.llmkit.openai.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a server asked us to wait: {@code retry-after-ms} (milliseconds, OpenAI's own
 * header), else {@code retry-after} as delay-seconds or an HTTP date.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /** Returns the requested wait, never negative, or null when the headers say nothing usable. */
  public static @Nullable Duration parse(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      Duration d = number(millis, 1);
      if (d != null) {
        return d;
      }
    }
    String value = headers.get("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration seconds = number(value, 1000);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Duration number(String text, long unitMillis) {
    try {
      double v = Double.parseDouble(text.trim());
      if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || v > 86_400_000d) {
        return null;
      }
      return Duration.ofMillis(Math.round(v * unitMillis));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
