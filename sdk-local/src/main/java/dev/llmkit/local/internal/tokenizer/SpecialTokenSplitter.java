package dev.llmkit.local.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts text at literal occurrences of special tokens before the tokenizer proper runs, like
 * llama.cpp's {@code tokenizer_st_partition}: longer token texts are matched first; user-defined
 * tokens always match; control and unknown tokens match only when special tokens are parsed.
 */
final class SpecialTokenSplitter {
  /** A piece of input: either raw text to tokenize or a special token id. */
  record Fragment(String text, int token) {
    boolean isToken() {
      return token >= 0;
    }
  }

  private final Vocabulary vocabulary;
  /** Candidate ids, longest UTF-8 text first, then by id. */
  private final int[] specials;

  SpecialTokenSplitter(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < vocabulary.size(); id++) {
      TokenType t = vocabulary.type(id);
      if ((t == TokenType.CONTROL || t == TokenType.USER_DEFINED || t == TokenType.UNKNOWN)
          && !vocabulary.token(id).isEmpty()) {
        ids.add(id);
      }
    }
    ids.sort(Comparator.<Integer>comparingInt(
        id -> -vocabulary.token(id).getBytes(StandardCharsets.UTF_8).length).thenComparingInt(id -> id));
    this.specials = ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Splits {@code text}; text fragments are never empty. */
  List<Fragment> split(String text, boolean parseSpecial) {
    List<Fragment> fragments = new ArrayList<>();
    if (text.isEmpty()) {
      return fragments;
    }
    fragments.add(new Fragment(text, -1));
    for (int id : specials) {
      if (!parseSpecial && vocabulary.type(id) != TokenType.USER_DEFINED) {
        continue;
      }
      String special = vocabulary.token(id);
      if (!text.contains(special)) {
        continue;
      }
      fragments = splitAll(fragments, special, id);
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
        out.add(new Fragment(s, -1));
      }
      strip = false;
    }
    return out;
  }

  private static List<Fragment> splitAll(List<Fragment> fragments, String special, int id) {
    List<Fragment> out = new ArrayList<>(fragments.size() + 4);
    for (Fragment f : fragments) {
      if (f.isToken()) {
        out.add(f);
        continue;
      }
      String s = f.text();
      int from = 0;
      int at;
      while ((at = s.indexOf(special, from)) >= 0) {
        if (at > from) {
          out.add(new Fragment(s.substring(from, at), -1));
        }
        out.add(new Fragment("", id));
        from = at + special.length();
      }
      if (from < s.length()) {
        out.add(new Fragment(from == 0 ? s : s.substring(from), -1));
      }
    }
    return out;
  }
}
