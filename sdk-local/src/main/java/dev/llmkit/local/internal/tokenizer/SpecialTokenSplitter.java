package dev.llmkit.local.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts text at literal occurrences of special tokens before the tokenizer proper runs, like
 * llama.cpp's {@code tokenizer_st_partition}: longer token texts are matched first; user-defined
 * tokens always match; control and unknown tokens match only when special tokens are parsed.
 *
 * <p>Quoting ({@link #quote}, {@link #splitQuoted}) keeps control-token text that came from
 * untrusted content plain while the surrounding template markup still yields control tokens: the
 * quoted text is enclosed in the noncharacters {@link #OPEN} and {@link #CLOSE}, and no control
 * token may match over a quoted character.
 */
final class SpecialTokenSplitter {
  /** Starts quoted text (a Unicode noncharacter, for internal use). */
  static final char OPEN = '\uFDD0';

  /** Ends quoted text. */
  static final char CLOSE = '\uFDD1';

  /** A piece of input: either raw text to tokenize or a special token id; start in the input. */
  record Fragment(String text, int token, int start) {
    boolean isToken() {
      return token >= 0;
    }
  }

  private final Vocabulary vocabulary;

  /** Candidate ids, longest UTF-8 text first, then by id. */
  private final int[] specials;

  /** Control and unknown token texts by first character, longest first. */
  private final Map<Character, List<String>> controlByFirst = new HashMap<>();

  /** Control and unknown token texts. */
  private final List<String> controls = new ArrayList<>();

  SpecialTokenSplitter(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    // sort keys: longest UTF-8 text first (complement of the length), then by id; no boxing or
    // lambdas, as this runs on every load, often as the process's first use of them
    IntList found = new IntList(16);
    for (int id = 0; id < vocabulary.size(); id++) {
      TokenType t = vocabulary.type(id);
      if ((t == TokenType.CONTROL || t == TokenType.USER_DEFINED || t == TokenType.UNKNOWN)
          && !vocabulary.token(id).isEmpty()) {
        found.add(id);
      }
    }
    int[] candidates = found.toArray();
    long[] keys = new long[candidates.length];
    for (int i = 0; i < keys.length; i++) {
      int id = candidates[i];
      int bytes = vocabulary.token(id).getBytes(StandardCharsets.UTF_8).length;
      keys[i] = ((long) (Integer.MAX_VALUE - bytes) << 32) | id;
    }
    Arrays.sort(keys);
    this.specials = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      int id = (int) keys[i];
      specials[i] = id;
      if (vocabulary.type(id) != TokenType.USER_DEFINED) {
        String text = vocabulary.token(id);
        controls.add(text);
        List<String> sameFirst = controlByFirst.get(text.charAt(0));
        if (sameFirst == null) {
          sameFirst = new ArrayList<>();
          controlByFirst.put(text.charAt(0), sameFirst);
        }
        sameFirst.add(text);
      }
    }
  }

  /**
   * {@code content} with every control-token text in it, and a start or end of it that could join
   * the surrounding text into one, enclosed in {@link #OPEN}/{@link #CLOSE}; the two noncharacters
   * themselves become U+FFFD. Content without either is returned as it is.
   */
  String quote(String content) {
    StringBuilder out = new StringBuilder(content.length() + 16);
    int lead = partialSuffixLength(content);
    if (lead > 0) {
      out.append(OPEN).append(content, 0, lead).append(CLOSE);
    }
    int i = lead;
    while (i < content.length()) {
      char c = content.charAt(i);
      if (c == OPEN || c == CLOSE) {
        out.append('\uFFFD');
        i++;
        continue;
      }
      int len = controlAt(content, i);
      if (len > 0) {
        out.append(OPEN).append(content, i, i + len).append(CLOSE);
        i += len;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.length() == content.length() ? content : out.toString();
  }

  /** The length of the longest control text at {@code i}, or of a token's start ending there. */
  private int controlAt(String s, int i) {
    List<String> candidates = controlByFirst.get(s.charAt(i));
    if (candidates == null) {
      return 0;
    }
    for (String t : candidates) {
      if (s.startsWith(t, i)) {
        return t.length();
      }
    }
    for (String t : candidates) { // a token's start at the very end could meet the template's rest
      if (s.length() - i < t.length() && t.regionMatches(0, s, i, s.length() - i)) {
        return s.length() - i;
      }
    }
    return 0;
  }

  /** The length of the longest start of {@code s} that is a proper end of a control text. */
  private int partialSuffixLength(String s) {
    int best = 0;
    for (String t : controls) {
      for (int k = 1; k < t.length() && t.length() - k > best; k++) {
        if (s.regionMatches(0, t, k, t.length() - k)) {
          best = t.length() - k;
        }
      }
    }
    return best;
  }

  /**
   * Splits text with quoted parts ({@link #quote}) as {@code split(text, true)} does, except that
   * no control token matches over a quoted character; the quote marks are removed. Only an {@link
   * #OPEN} followed by a {@link #CLOSE} without another {@link #OPEN} between quotes: a template
   * that cuts content (e.g. splits it at {@code </think>}) leaves a lone mark, which is dropped, so
   * the template's own markup never becomes plain text.
   */
  List<Fragment> splitQuoted(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    BitSet quoted = new BitSet();
    int open = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == OPEN) {
        open = plain.length(); // a previous unclosed mark (content cut by the template) is void
      } else if (c == CLOSE) {
        if (open >= 0) {
          quoted.set(open, plain.length());
        }
        open = -1;
      } else {
        plain.append(c);
      }
    }
    return split(plain.toString(), true, quoted);
  }

  /** Splits {@code text}; text fragments are never empty. */
  List<Fragment> split(String text, boolean parseSpecial) {
    return split(text, parseSpecial, new BitSet());
  }

  private List<Fragment> split(String text, boolean parseSpecial, BitSet quoted) {
    List<Fragment> fragments = new ArrayList<>();
    if (text.isEmpty()) {
      return fragments;
    }
    fragments.add(new Fragment(text, -1, 0));
    for (int id : specials) {
      if (!parseSpecial && vocabulary.type(id) != TokenType.USER_DEFINED) {
        continue;
      }
      String special = vocabulary.token(id);
      if (!text.contains(special)) {
        continue;
      }
      BitSet noMatch = vocabulary.type(id) == TokenType.USER_DEFINED ? new BitSet() : quoted;
      fragments = splitAll(fragments, special, id, noMatch);
    }
    return stripAfterRstripTokens(fragments);
  }

  /** Drops C-locale whitespace that follows a token with llama.cpp's RSTRIP attribute. */
  private List<Fragment> stripAfterRstripTokens(List<Fragment> fragments) {
    List<Fragment> out = new ArrayList<>(fragments.size());
    boolean strip = false;
    for (Fragment f : fragments) {
      if (f.isToken()) {
        out.add(f);
        strip = vocabulary.rstrip(f.token());
        continue;
      }
      String s = f.text();
      if (strip) {
        int i = 0;
        while (i < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(i)) >= 0) {
          i++;
        }
        s = s.substring(i);
      }
      if (!s.isEmpty()) {
        out.add(new Fragment(s, -1, f.start() + f.text().length() - s.length()));
      }
      strip = false;
    }
    return out;
  }

  private static List<Fragment> splitAll(
      List<Fragment> fragments, String special, int id, BitSet noMatch) {
    List<Fragment> out = new ArrayList<>(fragments.size() + 4);
    for (Fragment f : fragments) {
      if (f.isToken()) {
        out.add(f);
        continue;
      }
      String s = f.text();
      int from = 0;
      int search = 0;
      int at;
      while ((at = s.indexOf(special, search)) >= 0) {
        int next = noMatch.nextSetBit(f.start() + at);
        if (next >= 0 && next < f.start() + at + special.length()) {
          search = at + 1; // over quoted text: stays plain
          continue;
        }
        if (at > from) {
          out.add(new Fragment(s.substring(from, at), -1, f.start() + from));
        }
        out.add(new Fragment("", id, f.start() + at));
        from = at + special.length();
        search = from;
      }
      if (from < s.length()) {
        out.add(new Fragment(from == 0 ? s : s.substring(from), -1, f.start() + from));
      }
    }
    return out;
  }
}
