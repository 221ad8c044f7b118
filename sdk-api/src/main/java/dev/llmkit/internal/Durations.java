package dev.llmkit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human-written durations. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT30S})
   * or plain milliseconds ({@code 1500}).
   *
   * @throws IllegalArgumentException if {@code text} is none of these or is negative
   */
  public static Duration parse(String text) {
    String value = Checks.notNull(text, "text").strip();
    if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
        Checks.check(!d.isNegative(), "negative duration: " + text);
        return d;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
      }
    }
    Matcher m = SIMPLE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("duration out of range: " + text, e);
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
