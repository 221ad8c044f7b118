package dev.llmkit.local.internal;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks for sdk-local, with the messages of sdk-api's own checks: they name the
 * parameter, what is wrong and what is allowed. sdk-local keeps its own copy because no module
 * reaches into another module's {@code internal} packages.
 */
public final class Args {
  private Args() {}

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
}
