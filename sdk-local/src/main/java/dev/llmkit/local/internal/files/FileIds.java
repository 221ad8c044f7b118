package dev.llmkit.local.internal.files;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * File ids: {@code file-} plus 24 random URL-safe characters (144 bits from {@link SecureRandom}),
 * so ids are neither sequential nor guessable. An id is the only user-visible value that names a
 * path on disk, and only after {@link #isValid} accepted it.
 */
public final class FileIds {
  public static final String PREFIX = "file-";
  public static final int RANDOM_CHARS = 24;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final Pattern VALID = Pattern.compile("file-[A-Za-z0-9_-]{" + RANDOM_CHARS + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private FileIds() {}

  public static String newId() {
    char[] chars = new char[RANDOM_CHARS];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return PREFIX + new String(chars);
  }

  /** Whether {@code id} has the exact shape of an id this store hands out. */
  public static boolean isValid(String id) {
    return VALID.matcher(id).matches();
  }
}
