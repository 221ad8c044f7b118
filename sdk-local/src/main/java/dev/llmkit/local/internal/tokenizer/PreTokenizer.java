package dev.llmkit.local.internal.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words before byte-level BPE, with the regular expressions llama.cpp uses for
 * each {@code tokenizer.ggml.pre} name.
 *
 * <p>Several expressions apply in sequence: each one splits the fragments left by the previous one
 * into its matches and the unmatched gaps between them (llama.cpp's {@code unicode_regex_split}).
 * {@code \s} means the Unicode White_Space set, as in llama.cpp, not Java's ASCII {@code \s}.
 * Unknown names, {@code default} and an absent name fall back to the GPT-2 expression.
 */
enum PreTokenizer {
  /** GPT-2 and most older BPE vocabularies. */
  GPT2(Regexes.GPT2),
  /** Llama 3: case-insensitive contractions, numbers in groups of up to three, newline runs. */
  LLAMA3(Regexes.LLAMA3),
  /** Qwen2 / Qwen2.5: like Llama 3 but every digit is its own word. */
  QWEN2(Regexes.QWEN2),
  /** StarCoder, SmolLM: every digit split off first, then GPT-2. */
  STARCODER("\\p{N}", Regexes.GPT2);

  private final Pattern[] patterns;

  PreTokenizer(String... regexes) {
    this.patterns = new Pattern[regexes.length];
    for (int i = 0; i < regexes.length; i++) {
      patterns[i] = Pattern.compile(Regexes.expand(regexes[i]));
    }
  }

  /** The pre-tokenizer for a {@code tokenizer.ggml.pre} name (case-insensitive). */
  static PreTokenizer forName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "llama3":
      case "llama-v3":
      case "llama-bpe":
      case "falcon3":
      case "dbrx":
      case "smaug-bpe":
        return LLAMA3;
      case "qwen2":
      case "stablelm2":
      case "deepseek-r1-qwen":
      case "hunyuan":
        return QWEN2;
      case "starcoder":
      case "smollm":
      case "refact":
      case "command-r":
      case "codeshell":
      case "exaone":
      case "minerva-7b":
        return STARCODER;
      default:
        return GPT2;
    }
  }

  /** Whether BOS is added by default (llama.cpp sets it for the Llama 3 family). */
  static boolean addsBosByDefault(String name) {
    return ignoresMerges(name);
  }

  /** Whether a whole word that is already a token skips the merges (llama.cpp's ignore_merges). */
  static boolean ignoresMerges(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "llama3":
      case "llama-v3":
      case "llama-bpe":
      case "falcon3":
        return true;
      default:
        return false;
    }
  }

  /** Splits {@code text} into words; concatenating the result gives back {@code text}. */
  List<String> split(String text) {
    List<String> fragments = new ArrayList<>();
    fragments.add(text);
    for (Pattern pattern : patterns) {
      List<String> next = new ArrayList<>(fragments.size() * 2);
      for (String fragment : fragments) {
        splitOne(pattern, fragment, next);
      }
      fragments = next;
    }
    return fragments;
  }

  private static void splitOne(Pattern pattern, String fragment, List<String> out) {
    Matcher m = pattern.matcher(fragment);
    int start = 0;
    while (start < fragment.length() && m.find(start)) {
      if (m.end() == m.start()) {
        break;
      }
      if (m.start() > start) {
        out.add(fragment.substring(start, m.start()));
      }
      out.add(fragment.substring(m.start(), m.end()));
      start = m.end();
    }
    if (start < fragment.length()) {
      out.add(fragment.substring(start));
    }
  }

  /**
   * The expressions, written with {@code \s}/{@code \S} placeholders expanded by {@link #expand}.
   */
  private static final class Regexes {
    static final String GPT2 =
        "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    static final String LLAMA3 =
        "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2 =
        "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Unicode White_Space, the set llama.cpp's unicode tables use for {@code \s}. */
    private static final String WHITE_SPACE =
        "\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    private Regexes() {}

    /** Replaces {@code \s} inside and outside character classes, and {@code \S}. */
    static String expand(String regex) {
      StringBuilder sb = new StringBuilder();
      boolean inClass = false;
      for (int i = 0; i < regex.length(); i++) {
        char c = regex.charAt(i);
        if (c == '\\' && i + 1 < regex.length()) {
          char n = regex.charAt(++i);
          if (n == 's') {
            sb.append(inClass ? WHITE_SPACE : "[" + WHITE_SPACE + "]");
          } else if (n == 'S') {
            if (inClass) {
              throw new IllegalStateException("\\S inside a character class: " + regex);
            }
            sb.append("[^").append(WHITE_SPACE).append(']');
          } else {
            sb.append(c).append(n);
          }
        } else {
          if (c == '[') {
            inClass = true;
          } else if (c == ']') {
            inClass = false;
          }
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
