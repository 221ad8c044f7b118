package dev.llmkit.spring;

import java.time.Duration;

/** Range checks for the properties records; messages name the property and the allowed range. */
final class PropertyChecks {
  private PropertyChecks() {}

  static void range(String property, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(property + " is " + value + "; allowed range is " + min
          + (max == Integer.MAX_VALUE ? " or more" : " to " + max));
    }
  }

  static void nonNegative(String property, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(property + " is " + value + "; it must not be negative");
    }
  }
}
