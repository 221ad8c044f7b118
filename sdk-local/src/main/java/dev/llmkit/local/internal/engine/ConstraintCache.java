package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.grammar.Grammar;
import dev.llmkit.local.internal.grammar.TokenMasks;
import dev.llmkit.local.internal.grammar.TokenTrie;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiled constraints of one model, by key (e.g. the schema): a schema is compiled once and its
 * token masks are kept, so repeated requests with the same schema pay nothing for compiling. Holds
 * the {@value #MAX_ENTRIES} most recently used; the vocabulary's token trie is built on first use.
 * Thread-safe.
 */
public final class ConstraintCache {
  static final int MAX_ENTRIES = 32;

  private final Tokenizer tokenizer;
  private volatile @org.jspecify.annotations.Nullable TokenTrie trie;
  private final Map<String, TokenTrie> shownTries = new java.util.HashMap<>();
  private final Map<Object, TokenMasks> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, TokenMasks> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  ConstraintCache(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** The token trie of this model's vocabulary (end-of-generation and control tokens left out). */
  public TokenTrie trie() {
    TokenTrie t = trie;
    if (t == null) {
      synchronized (this) {
        t = trie;
        if (t == null) {
          t =
              trie =
                  new TokenTrie(
                      tokenizer.vocabulary().size(),
                      id ->
                          tokenizer.isEndOfGeneration(id) ? null : tokenizer.pieceBytes(id, false));
        }
      }
    }
    return t;
  }

  /**
   * The trie with control tokens {@code shown} (sorted ids) in it as their text; {@link #trie()}
   * when there are none.
   */
  public TokenTrie trie(int[] shown) {
    if (shown.length == 0) {
      return trie();
    }
    synchronized (shownTries) {
      return shownTries.computeIfAbsent(
          java.util.Arrays.toString(shown),
          k ->
              new TokenTrie(
                  tokenizer.vocabulary().size(),
                  id ->
                      tokenizer.isEndOfGeneration(id)
                          ? null
                          : tokenizer.pieceBytes(
                              id, java.util.Arrays.binarySearch(shown, id) >= 0)));
    }
  }

  /** The ids of the control tokens whose text is one of {@code texts}, sorted. */
  public int[] controlTokens(java.util.Collection<String> texts) {
    return texts.stream()
        .mapToInt(t -> tokenizer.vocabulary().id(t))
        .filter(
            id ->
                id >= 0
                    && tokenizer.vocabulary().type(id)
                        == dev.llmkit.local.internal.tokenizer.TokenType.CONTROL
                    && !tokenizer.isEndOfGeneration(id))
        .sorted()
        .distinct()
        .toArray();
  }

  /**
   * The masks of the grammar cached under {@code key}, compiling it with {@code compile} on a miss;
   * a compile error propagates and nothing is cached.
   */
  public TokenMasks get(Object key, Supplier<Grammar> compile) {
    return get(key, compile, new int[0]);
  }

  /** {@link #get(Object, Supplier)} on the trie that shows control tokens {@code shown}. */
  public TokenMasks get(Object key, Supplier<Grammar> compile, int[] shown) {
    synchronized (entries) {
      TokenMasks m = entries.get(key);
      if (m != null) {
        return m;
      }
    }
    TokenMasks m = new TokenMasks(compile.get(), trie(shown));
    synchronized (entries) {
      TokenMasks raced = entries.putIfAbsent(key, m);
      return raced != null ? raced : m;
    }
  }

  /** Any JSON object ({@code response_format: json_object}). */
  public TokenMasks jsonObject() {
    return get("json_object", Grammar::anyObject);
  }
}
