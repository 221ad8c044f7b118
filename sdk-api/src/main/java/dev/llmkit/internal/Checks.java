package dev.llmkit.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the parameter, what is wrong and what is allowed. */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value}, or throws a {@link NullPointerException} saying {@code "name == null"}.
   */
  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " == null");
    }
    return value;
  }

  /** Returns {@code value} if it has a non-whitespace character. */
  public static String notBlank(@Nullable String value, String name) {
    String text = notNull(value, name);
    if (text.isBlank()) {
      throw new IllegalArgumentException(name + " is blank; a non-empty value is required");
    }
    return text;
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Checks that a nullable number lies in {@code [min, max]}. */
  public static void inRange(@Nullable Double value, double min, double max, String name) {
    if (value != null && !(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " is " + value + "; allowed range is " + fmt(min) + " to " + fmt(max));
    }
  }

  /** Checks that a nullable integer lies in {@code [min, max]}. */
  public static void inRange(@Nullable Integer value, int min, int max, String name) {
    if (value != null && (value < min || value > max)) {
      throw new IllegalArgumentException(
          name + " is " + value + "; allowed range is " + min + " to " + max);
    }
  }

  /** Checks that a nullable integer is at least {@code min}. */
  public static void atLeast(@Nullable Integer value, int min, String name) {
    if (value != null && value < min) {
      throw new IllegalArgumentException(name + " is " + value + "; it must be at least " + min);
    }
  }

  /** Checks that a nullable long is at least {@code min}. */
  public static void atLeast(@Nullable Long value, long min, String name) {
    if (value != null && value < min) {
      throw new IllegalArgumentException(name + " is " + value + "; it must be at least " + min);
    }
  }

  /** Checks that a collection has at most {@code max} elements. */
  public static void atMost(Collection<?> values, int max, String name) {
    if (values.size() > max) {
      throw new IllegalArgumentException(
          name + " has " + values.size() + " entries; at most " + max + " are allowed");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
