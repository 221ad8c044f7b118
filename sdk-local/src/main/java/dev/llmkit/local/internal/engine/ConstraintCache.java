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
 * token masks are kept, so repeated requests with the same schema pay nothing for compiling.
 * Holds the {@value #MAX_ENTRIES} most recently used; the vocabulary's token trie is built on
 * first use. Thread-safe.
 */
public final class ConstraintCache {
  static final int MAX_ENTRIES = 32;

  private final Tokenizer tokenizer;
  private volatile @org.jspecify.annotations.Nullable TokenTrie trie;
  private final Map<Object, TokenMasks> entries = new LinkedHashMap<>(16, 0.75f, true) {
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
          t = trie = new TokenTrie(tokenizer.vocabulary().size(),
              id -> tokenizer.isEndOfGeneration(id) ? null : tokenizer.pieceBytes(id, false));
        }
      }
    }
    return t;
  }

  /**
   * The masks of the grammar cached under {@code key}, compiling it with {@code compile} on a
   * miss; a compile error propagates and nothing is cached.
   */
  public TokenMasks get(Object key, Supplier<Grammar> compile) {
    synchronized (entries) {
      TokenMasks m = entries.get(key);
      if (m != null) {
        return m;
      }
    }
    TokenMasks m = new TokenMasks(compile.get(), trie());
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
