package dev.llmkit.local.internal.jinja;

/**
 * What one render may build, so that a hostile or broken template ({@code 'a' * 10**9}, a string
 * doubled in a loop, loops nested a million deep) fails with a {@link JinjaException} instead of
 * exhausting the heap or running for hours. The limits are far above what a chat prompt needs: a
 * 128k-token context is well under a million characters.
 */
final class Limits {
  /** Characters of one string value and of the rendered output. */
  static final long MAX_CHARS = 16L << 20;

  /** Items of one list value. */
  static final long MAX_ITEMS = 1L << 20;

  /** Loop iterations of one render, all loops together. */
  static final long MAX_ITERATIONS = 10_000_000L;

  private Limits() {}

  /** {@code length}, or a JinjaException if a string that long may not be built. */
  static long chars(long length) {
    if (length > MAX_CHARS) {
      throw new JinjaException(
          JinjaException.Kind.VALUE,
          "string too long for a chat template ("
              + length
              + " characters; at most "
              + MAX_CHARS
              + ")");
    }
    return length;
  }

  /** {@code s} repeated {@code times} times (none if times <= 0), within {@link #MAX_CHARS}. */
  static String repeat(String s, long times) {
    if (times <= 0 || s.isEmpty()) {
      return "";
    }
    chars(times > MAX_CHARS ? times : s.length() * times);
    return s.repeat((int) times);
  }

  /** {@code a + b}, within {@link #MAX_CHARS}. */
  static String concat(String a, String b) {
    chars((long) a.length() + b.length());
    return a + b;
  }

  /** {@code size}, or a JinjaException if a list that long may not be built. */
  static long items(long size) {
    if (size > MAX_ITEMS) {
      throw new JinjaException(
          JinjaException.Kind.VALUE,
          "list too long for a chat template (" + size + " items; at most " + MAX_ITEMS + ")");
    }
    return size;
  }
}
