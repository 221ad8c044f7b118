package dev.llmkit.openai.internal.http;

/**
 * Validates header names and values before they reach OkHttp, whose messages quote the value of any
 * header but {@code Authorization} and {@code Cookie}: a key with a stray line break in {@code
 * X-Api-Key} or Azure's {@code api-key} would end up in the exception. These messages name the
 * header and the position, never the value.
 */
public final class HeaderChecks {
  private HeaderChecks() {}

  /** Accepts printable ASCII without spaces or {@code ':'}. */
  public static void checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        throw new IllegalArgumentException(
            "header name has an invalid character "
                + hex(c)
                + " at index "
                + i
                + "; names are printable ASCII without ':' or spaces");
      }
    }
  }

  /** Accepts printable ASCII and tabs; {@code what} names the value in the message. */
  public static void checkValue(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < ' ' || c >= 0x7f)) {
        throw new IllegalArgumentException(
            "the "
                + what
                + " has an invalid character "
                + hex(c)
                + " at index "
                + i
                + " (the value is not shown); HTTP header values must"
                + " be printable ASCII");
      }
    }
  }

  private static String hex(char c) {
    return String.format("0x%04x", (int) c);
  }
}
