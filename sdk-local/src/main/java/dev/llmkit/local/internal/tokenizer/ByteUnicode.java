package dev.llmkit.local.internal.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible byte-to-unicode alphabet: printable Latin-1 bytes map to themselves, the other
 * 68 bytes to U+0100 onwards (so a space is "Ġ" and a newline "Ċ").
 */
final class ByteUnicode {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + next++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteUnicode() {}

  /** Maps the UTF-8 bytes of {@code text} to the GPT-2 alphabet, one char per byte. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  /**
   * Maps a token text in the GPT-2 alphabet back to bytes. Characters outside the alphabet (which
   * well-formed vocabularies do not contain) are kept as their own UTF-8 bytes.
   */
  static byte[] decode(String token) {
    int n = token.length();
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
      if (b < 0) {
        return decodeMixed(token);
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }

  /** {@link #decode} of a text with characters outside the alphabet. */
  private static byte[] decodeMixed(String token) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < CHAR_TO_BYTE.length && CHAR_TO_BYTE[cp] >= 0) {
        out.write(CHAR_TO_BYTE[cp]);
      } else {
        byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(raw, 0, raw.length);
      }
    }
    return out.toByteArray();
  }
}
