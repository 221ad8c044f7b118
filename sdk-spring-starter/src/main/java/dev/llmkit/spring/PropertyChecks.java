package dev.llmkit.spring;

import dev.llmkit.spring.internal.InvalidPropertyException;
import java.time.Duration;

/**
 * Range checks for the properties records; each failure is an {@link InvalidPropertyException}
 * whose description names the property and its value and whose action says what to set.
 */
final class PropertyChecks {
  private PropertyChecks() {}

  static void range(String property, int value, int min, int max) {
    if (value < min || value > max) {
      String allowed = max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
      throw new InvalidPropertyException(
          property + " is " + value + "; allowed range is " + allowed,
          "Set " + property + " to a value from " + allowed + ", or remove it to use the default.");
    }
  }

  /** Fails unless {@code ok}; {@code allowed} completes "a value ...", e.g. "from 0 to 2". */
  static void check(boolean ok, String property, Object value, String allowed) {
    if (!ok) {
      throw new InvalidPropertyException(
          property + " is " + value + "; allowed values are " + allowed,
          "Set " + property + " to a value " + allowed + ", or remove it to use the default.");
    }
  }

  static void nonNegative(String property, Duration value) {
    if (value.isNegative()) {
      throw new InvalidPropertyException(
          property + " is " + value + "; it must not be negative",
          "Set " + property + " to zero or a positive duration such as 30s.");
    }
  }

  static void positive(String property, String value) {
    throw new InvalidPropertyException(
        property + " is " + value + "; it must be positive",
        "Set " + property + " to a positive value, or remove it to use the default.");
  }
}
