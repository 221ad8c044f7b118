package dev.llmkit.local.internal.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's text normalizer and pre-tokenizer, as Hugging Face tokenizers' {@code BertNormalizer}
 * ({@code clean_text}, {@code handle_chinese_chars}, accents stripped when lower-casing) and {@code
 * BertPreTokenizer} run them:
 *
 * <ol>
 *   <li>NUL, U+FFFD and every "other" character except tab, newline and carriage return are
 *       dropped: control (Cc, so also U+000B, U+000C and U+0085), format (Cf, e.g. U+200B, U+FEFF),
 *       private use (Co) and lone surrogates (Cs). Unassigned code points stay, as in the
 *       reference.
 *   <li>Whitespace is tab, newline, carriage return and the separators Zs, Zl (U+2028) and Zp
 *       (U+2029); it separates words.
 *   <li>Every CJK ideograph becomes a word of its own.
 *   <li>When lower-casing (uncased vocabularies): NFD, non-spacing marks (Mn) removed, then each
 *       code point lower-cased on its own ({@link Character#toLowerCase(int)}: no final-sigma rule,
 *       no locale).
 *   <li>Every punctuation character (ASCII symbols and the Unicode P* categories) becomes a word of
 *       its own.
 * </ol>
 */
public final class BertWords {
  private BertWords() {}

  /** The words of {@code text}, in order. */
  public static List<String> split(String text, boolean lowercase) {
    String cleaned = clean(text);
    String normalized = lowercase ? stripAccentsAndLowerCase(cleaned) : cleaned;
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isWhitespace(cp)) {
        flush(word, words);
      } else if (isPunctuation(cp) || isCjk(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, words);
    return words;
  }

  /** Drops the characters of step 1 and turns all whitespace into spaces. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || isOther(cp)) {
        continue;
      }
      out.appendCodePoint(isWhitespace(cp) ? ' ' : cp);
    }
    return out.toString();
  }

  private static String stripAccentsAndLowerCase(String text) {
    String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    for (int i = 0; i < nfd.length(); ) {
      int cp = nfd.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) != Character.NON_SPACING_MARK) {
        out.appendCodePoint(Character.toLowerCase(cp));
      }
    }
    return out.toString();
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** Tab, newline, carriage return, and the space, line and paragraph separators. */
  static boolean isWhitespace(int cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** Cc, Cf, Co and Cs, except tab, newline and carriage return (which are whitespace). */
  static boolean isOther(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
        return true;
      default:
        return false;
    }
  }

  /** ASCII symbols count as punctuation, as in BERT; elsewhere the Unicode P* categories. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /**
   * CJK Unified Ideographs, their extensions and the compatibility blocks, as Hugging Face
   * tokenizers list them (extension E from U+2B920, not U+2B820: U+2B820–U+2B91F stay in words).
   */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
