package dev.llmkit.local.internal.tokenizer;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE tokenizer as llama.cpp's {@code llm_tokenizer_bpe}: the text is split into words
 * by the {@link PreTokenizer} named in {@code tokenizer.ggml.pre}, each word's UTF-8 bytes are
 * mapped to the GPT-2 alphabet, and adjacent symbols are merged lowest merge rank first. Results
 * are cached per word.
 */
final class BpeTokenizer extends Tokenizer {
  private static final int CACHE_LIMIT = 65_536;

  private final PreTokenizer preTokenizer;
  private final boolean ignoreMerges;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  BpeTokenizer(Vocabulary vocabulary) {
    super(vocabulary);
    this.preTokenizer = PreTokenizer.forName(vocabulary.preTokenizer());
    this.ignoreMerges = PreTokenizer.ignoresMerges(vocabulary.preTokenizer());
  }

  @Override
  byte[] normalPiece(int id) {
    return ByteUnicode.decode(vocabulary.token(id));
  }

  @Override
  void encodeText(String text, boolean afterSpecial, IntList out) {
    for (String word : preTokenizer.split(text)) {
      int[] ids = cache.get(word);
      if (ids == null) {
        ids = encodeWord(ByteUnicode.encode(word));
        if (cache.size() >= CACHE_LIMIT) {
          cache.clear();
        }
        cache.put(word, ids);
      }
      out.addAll(ids);
    }
  }

  /** Merges one word given in the GPT-2 alphabet (one char per byte). */
  private int[] encodeWord(String word) {
    if (ignoreMerges) {
      int whole = vocabulary.id(word);
      if (whole != Vocabulary.NONE) {
        return new int[] {whole};
      }
    }
    int n = word.length();
    if (n == 0) {
      return new int[0];
    }
    int[] length = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      length[i] = 1;
      prev[i] = i - 1;
      next[i] = i + 1 == n ? -1 : i + 1;
    }
    PriorityQueue<long[]> queue =
        new PriorityQueue<>(
            Math.max(1, n),
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (int i = 1; i < n; i++) {
      addBigram(word, i - 1, i, length, queue);
    }
    while (!queue.isEmpty()) {
      long[] bigram = queue.poll();
      int l = (int) bigram[1];
      int r = (int) bigram[2];
      // Skip bigrams made stale by an earlier merge.
      if (length[l] == 0 || length[r] == 0 || length[l] + length[r] != bigram[3]) {
        continue;
      }
      length[l] += length[r];
      length[r] = 0;
      next[l] = next[r];
      if (next[r] >= 0) {
        prev[next[r]] = l;
      }
      if (prev[l] >= 0) {
        addBigram(word, prev[l], l, length, queue);
      }
      if (next[l] >= 0) {
        addBigram(word, l, next[l], length, queue);
      }
    }
    return emit(word, length, next);
  }

  /** The ids of the final symbols, following the {@code next} links from symbol 0. */
  private int[] emit(String word, int[] length, int[] next) {
    IntList out = new IntList(word.length());
    for (int i = 0; i != -1; i = next[i]) {
      String symbol = word.substring(i, i + length[i]);
      int id = vocabulary.id(symbol);
      if (id != Vocabulary.NONE) {
        out.add(id);
      } else {
        // Like llama.cpp: fall back to single characters that are tokens, drop the rest.
        for (int k = 0; k < symbol.length(); k++) {
          int c = vocabulary.id(String.valueOf(symbol.charAt(k)));
          if (c != Vocabulary.NONE) {
            out.add(c);
          }
        }
      }
    }
    return out.toArray();
  }

  /** Queues {rank, left, right, size} if the two symbols merge. */
  private void addBigram(
      String word, int left, int right, int[] length, PriorityQueue<long[]> queue) {
    // Symbols are contiguous: right starts where left ends.
    String l = word.substring(left, left + length[left]);
    String r = word.substring(right, right + length[right]);
    int rank = vocabulary.mergeRank(l, r);
    if (rank >= 0) {
      queue.add(new long[] {rank, left, right, length[left] + length[right]});
    }
  }
}
