package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * How each token of a vocabulary reads inside a JSON string body without a pattern: XGrammar's
 * context-independent classification, done once per vocabulary. A token is either all string
 * content ({@link #need}: the characters it adds, counting a character it leaves unfinished), or
 * some content followed by the closing quote (the trie node after that quote is recorded, with the
 * number of characters before it), or impossible in a string. The mask of a string frame is then a
 * few bitset operations instead of a walk of the whole trie, for every length bound the schema
 * uses. Immutable apart from lazily built, thread-safe prefix masks.
 */
final class StringTokens {
  private final TokenTrie trie;
  private final int words;
  private final int maxNeed;

  /** Token ids of all-content tokens, by need (index 0 unused). */
  private final int[][] byNeed;

  /** {@code cumulative[r]}: the all-content tokens with need at most r; built on first use. */
  private final long[][] cumulative;

  /** Closing points, sorted by characters before the quote: characters, trie node after it. */
  private final int[] quoteChars;

  private final int[] quoteNodes;

  StringTokens(TokenTrie trie) {
    this.trie = trie;
    this.words = (trie.vocabSize + 63) >>> 6;
    int[] need = new int[trie.vocabSize];
    List<int[]> quotes = new ArrayList<>();
    java.util.Set<Integer> seenNodes = new java.util.HashSet<>();
    int top = 0;
    for (int id = 0; id < trie.vocabSize; id++) {
      byte[] b = trie.tokenBytes[id];
      need[id] = -1;
      if (b == null) {
        continue;
      }
      long r = scan(b);
      int chars = (int) (r >>> 32);
      int end = (int) r;
      if (end == b.length) { // all content
        need[id] = chars;
        top = Math.max(top, chars);
      } else if (end >= 0) { // closes at byte `end`
        int node = trie.nodeOf(b, end + 1);
        if (seenNodes.add(node)) {
          quotes.add(new int[] {chars, node});
        }
      }
    }
    maxNeed = top;
    int[] counts = new int[top + 1];
    for (int n : need) {
      if (n > 0) {
        counts[n]++;
      }
    }
    byNeed = new int[top + 1][];
    for (int n = 0; n <= top; n++) {
      byNeed[n] = new int[counts[n]];
    }
    int[] fill = new int[top + 1];
    for (int id = 0; id < need.length; id++) {
      if (need[id] > 0) {
        byNeed[need[id]][fill[need[id]]++] = id;
      }
    }
    cumulative = new long[top + 1][];
    quotes.sort((x, y) -> Integer.compare(x[0], y[0]));
    quoteChars = quotes.stream().mapToInt(q -> q[0]).toArray();
    quoteNodes = quotes.stream().mapToInt(q -> q[1]).toArray();
  }

  /**
   * Reads {@code b} as string content from a character boundary: the characters it completes (plus
   * one for a character left unfinished) in the high half; in the low half the index of the closing
   * quote, {@code b.length} if there is none, or -1 if the bytes cannot be in a string. Follows
   * {@link StringNode}'s rules: UTF-8 without overlong forms or surrogates, no raw control
   * characters, JSON escapes with {@code \\u} not encoding surrogates.
   */
  static long scan(byte[] b) {
    int chars = 0;
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c == '"') {
        return (long) chars << 32 | i;
      }
      int len;
      if (c == '\\') {
        len = escapeLength(b, i);
      } else if (c < 0x20) {
        return -1;
      } else if (c < 0x80) {
        len = 1;
      } else {
        len = utf8Length(b, i);
      }
      if (len < 0) {
        return -1;
      }
      chars++;
      i += len;
    }
    return (long) chars << 32 | b.length;
  }

  /** Bytes of the escape at {@code i} (fewer if the token ends inside it), or -1 if invalid. */
  private static int escapeLength(byte[] b, int i) {
    if (i + 1 == b.length) {
      return 1;
    }
    int e = b[i + 1] & 0xff;
    if ("\"\\/bfnrt".indexOf(e) >= 0) {
      return 2;
    }
    if (e != 'u') {
      return -1;
    }
    int value = 0;
    int k = i + 2;
    for (; k < b.length && k < i + 6; k++) {
      int d = Character.digit(b[k] & 0xff, 16);
      if (d < 0) {
        return -1;
      }
      value = value << 4 | d;
      if (k == i + 3 && value >= 0xD8 && value <= 0xDF) {
        return -1;
      }
    }
    return k - i;
  }

  /** Bytes of the UTF-8 character at {@code i} (fewer if the token ends inside), or -1. */
  private static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xff;
    int len =
        c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : -1;
    if (len < 0) {
      return -1;
    }
    int k = i + 1;
    for (; k < b.length && k < i + len; k++) {
      int x = b[k] & 0xff;
      if ((x & 0xC0) != 0x80) {
        return -1;
      }
      if (k == i + 1
          && ((c == 0xE0 && x < 0xA0)
              || (c == 0xED && x > 0x9F)
              || (c == 0xF0 && x < 0x90)
              || (c == 0xF4 && x > 0x8F))) {
        return -1;
      }
    }
    return k - i;
  }

  /**
   * The tokens a string body accepts with {@code count} characters written, at least {@code min}
   * and at most {@code max} ({@code -1}: unbounded) allowed: all-content tokens that fit into
   * {@code bits}, closing tokens into {@code bits} where the string may end, and the trie nodes
   * after those closing quotes that have longer tokens below them into {@code pops}.
   */
  void body(int count, int min, int max, long[] bits, List<Integer> pops) {
    int room = max < 0 ? maxNeed : Math.min(maxNeed, max - count);
    if (room > 0) {
      long[] cum = cumulative(room);
      System.arraycopy(cum, 0, bits, 0, words);
    }
    for (int i = 0; i < quoteChars.length; i++) {
      int k = quoteChars[i];
      if (max >= 0 && count + k > max) {
        break;
      }
      if (count + k < min) {
        continue;
      }
      int node = quoteNodes[i];
      trie.mark(node, bits);
      if (trie.childCount(node) > 0) {
        pops.add(node);
      }
    }
  }

  private synchronized long[] cumulative(int room) {
    long[] c = cumulative[room];
    if (c != null) {
      return c;
    }
    int from = room;
    while (from > 0 && cumulative[from] == null) {
      from--;
    }
    long[] bits = from == 0 ? new long[words] : cumulative[from].clone();
    for (int n = from + 1; n <= room; n++) {
      for (int id : byNeed[n]) {
        bits[id >>> 6] |= 1L << id;
      }
    }
    cumulative[room] = bits;
    return bits;
  }
}
