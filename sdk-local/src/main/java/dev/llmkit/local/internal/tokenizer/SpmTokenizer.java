package dev.llmkit.local.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style tokenizer as llama.cpp's {@code llm_tokenizer_spm}: the text gets a "▁"
 * prefix (when the vocabulary asks for it and the text starts the input or follows a special
 * token), spaces become "▁", and starting from single characters the adjacent pair whose merged
 * text is the highest-scoring token is merged until no pair forms a token. Characters that are no
 * token fall back to {@code <0xNN>} byte tokens.
 */
final class SpmTokenizer extends Tokenizer {
  private static final char SPACE_MARK = '\u2581';

  /** Token id for each byte value (byte fallback). */
  private final int[] byteTokens = new int[256];

  private static final String HEX = "0123456789ABCDEF";

  SpmTokenizer(Vocabulary vocabulary) {
    super(vocabulary);
    for (int b = 0; b < 256; b++) {
      int id = vocabulary.id(byteTokenText(b));
      if (id == Vocabulary.NONE && b < 0x80) {
        id = vocabulary.id(String.valueOf((char) b));
      }
      byteTokens[b] = id == Vocabulary.NONE ? vocabulary.unknownId() : id;
    }
  }

  @Override
  byte[] normalPiece(int id) {
    String text = vocabulary.token(id);
    if (vocabulary.type(id) == TokenType.BYTE) {
      int b = parseByteToken(text);
      if (b >= 0) {
        return new byte[] {(byte) b};
      }
    }
    return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
  }

  /**
   * SentencePiece's byte-fallback token of {@code b}, e.g. {@code <0x0A>}. Built by hand: this runs
   * 256 times per load, and {@code String.format} parses its pattern on every call.
   */
  private static String byteTokenText(int b) {
    return "<0x" + HEX.charAt(b >>> 4) + HEX.charAt(b & 0xF) + ">";
  }

  private static int parseByteToken(String text) {
    if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
      try {
        return Integer.parseInt(text.substring(3, 5), 16);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  @Override
  void encodeText(String fragment, boolean afterSpecial, IntList out) {
    String text = vocabulary.addSpacePrefix() && afterSpecial ? " " + fragment : fragment;
    text = text.replace(' ', SPACE_MARK);
    new Session(text).run(out);
  }

  /** One merge run over a text; symbols form a doubly linked list over code points. */
  private final class Session {
    private final String text;
    private final int[] start;
    private final int[] length;
    private final int[] prev;
    private final int[] next;
    private final PriorityQueue<Bigram> queue;

    Session(String text) {
      this.text = text;
      int n = text.codePointCount(0, text.length());
      start = new int[n];
      length = new int[n];
      prev = new int[n];
      next = new int[n];
      int offset = 0;
      for (int i = 0; i < n; i++) {
        int len = Character.charCount(text.codePointAt(offset));
        start[i] = offset;
        length[i] = len;
        prev[i] = i - 1;
        offset += len;
        next[i] = offset == text.length() ? -1 : i + 1;
      }
      queue =
          new PriorityQueue<>(
              Math.max(1, n),
              (a, b) ->
                  a.score != b.score
                      ? Float.compare(b.score, a.score)
                      : Integer.compare(a.left, b.left));
    }

    void run(IntList out) {
      int n = start.length;
      if (n == 0) {
        return;
      }
      for (int i = 1; i < n; i++) {
        tryAddBigram(i - 1, i);
      }
      while (!queue.isEmpty()) {
        Bigram bigram = queue.poll();
        int l = bigram.left;
        int r = bigram.right;
        // Skip bigrams made stale by an earlier merge.
        if (length[l] == 0 || length[r] == 0 || length[l] + length[r] != bigram.size) {
          continue;
        }
        length[l] += length[r];
        length[r] = 0;
        next[l] = next[r];
        if (next[r] >= 0) {
          prev[next[r]] = l;
        }
        tryAddBigram(prev[l], l);
        tryAddBigram(l, next[l]);
      }
      for (int i = 0; i != -1; i = next[i]) {
        emit(i, out);
      }
    }

    private void tryAddBigram(int left, int right) {
      if (left == -1 || right == -1) {
        return;
      }
      int size = length[left] + length[right];
      int id = vocabulary.id(text.substring(start[left], start[left] + size));
      if (id == Vocabulary.NONE) {
        return;
      }
      queue.add(new Bigram(left, right, vocabulary.score(id), size));
    }

    /**
     * Emits a final symbol. Every merged symbol is a token (only token texts are queued), so a
     * symbol that is no token is a single character and falls back to its UTF-8 bytes.
     */
    private void emit(int symbol, IntList out) {
      String s = text.substring(start[symbol], start[symbol] + length[symbol]);
      int id = vocabulary.id(s);
      if (id != Vocabulary.NONE) {
        out.add(id);
        return;
      }
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        int t = byteTokens[b & 0xFF];
        if (t != Vocabulary.NONE) {
          out.add(t);
        }
      }
    }
  }

  private static final class Bigram {
    final int left;
    final int right;
    final float score;
    final int size;

    Bigram(int left, int right, float score, int size) {
      this.left = left;
      this.right = right;
      this.score = score;
      this.size = size;
    }
  }
}
