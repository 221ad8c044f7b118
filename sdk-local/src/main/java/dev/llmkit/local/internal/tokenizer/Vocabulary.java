package dev.llmkit.local.internal.tokenizer;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable token vocabulary: token texts, scores, types, BPE merges, special-token ids and the
 * flags that control encoding (BOS/EOS, space prefix). Build one from GGUF metadata with {@link
 * VocabularyLoader#fromMetadata} or by hand with {@link #builder(Kind)}.
 *
 * <p>Absent special-token ids are {@link #NONE}.
 */
public final class Vocabulary {
  /** The id value meaning "no such token". */
  public static final int NONE = -1;

  /** The tokenizer algorithm. */
  public enum Kind {
    /**
     * SentencePiece-style score merges with byte fallback ({@code tokenizer.ggml.model = llama}).
     */
    SENTENCE_PIECE,
    /** Byte-level BPE with merge ranks ({@code tokenizer.ggml.model = gpt2}). */
    BYTE_LEVEL_BPE,
    /** BERT's WordPiece, greedy longest match ({@code tokenizer.ggml.model = bert}). */
    WORD_PIECE
  }

  private final Kind kind;
  private final String preTokenizer;
  private final String[] tokens;
  private final float[] scores;
  private final TokenType[] types;
  private final StringIndex ids;
  private final StringIndex mergeRanks;
  private final int bos;
  private final int eos;
  private final int unknown;
  private final int padding;
  private final int endOfTurn;
  private final int endOfMessage;
  private final boolean addBos;
  private final boolean addEos;
  private final boolean addSpacePrefix;
  private final boolean lowercase;
  private final boolean[] rstrip;

  private Vocabulary(Builder b) {
    this.kind = b.kind;
    this.tokens = Objects.requireNonNull(b.tokens, "tokens").clone();
    int n = tokens.length;
    if (n == 0) {
      throw new IllegalArgumentException("tokens must not be empty");
    }
    this.preTokenizer = b.preTokenizer == null ? "" : b.preTokenizer.toLowerCase(Locale.ROOT);
    this.scores = b.scores == null ? new float[n] : checkLength(b.scores.clone(), n, "scores");
    this.types = new TokenType[n];
    if (b.types != null) {
      checkLength(b.types, n, "types");
    }
    this.ids = new StringIndex(n);
    for (int i = 0; i < n; i++) {
      String token = tokens[i];
      if (token == null) {
        throw new IllegalArgumentException("tokens[" + i + "] is null");
      }
      types[i] = b.types == null ? TokenType.NORMAL : TokenType.of(b.types[i]);
      // Like llama.cpp, the last token with a given text wins; empty texts are never looked up.
      if (!token.isEmpty()) {
        ids.put(token, i, true);
      }
    }
    String[] merges = b.merges == null ? new String[0] : b.merges;
    this.mergeRanks = new StringIndex(merges.length);
    for (int i = 0; i < merges.length; i++) {
      String m = merges[i];
      // messages are built only on failure: this runs for every merge (150,000 and more)
      if (m == null) {
        throw new IllegalArgumentException("merges[" + i + "] is null");
      }
      if (m.indexOf(' ', 1) < 0) {
        throw new IllegalArgumentException("merges[" + i + "] has no space separator: " + m);
      }
      mergeRanks.put(m, i, false);
    }
    this.bos = checkId(b.bos, "bos");
    this.eos = checkId(b.eos, "eos");
    this.unknown = checkId(b.unknown, "unknown");
    this.padding = checkId(b.padding, "padding");
    this.endOfTurn = checkId(b.endOfTurn, "endOfTurn");
    this.endOfMessage = checkId(b.endOfMessage, "endOfMessage");
    boolean spm = kind == Kind.SENTENCE_PIECE;
    boolean wpm = kind == Kind.WORD_PIECE;
    this.addBos =
        b.addBos != null ? b.addBos : spm || wpm || PreTokenizer.addsBosByDefault(preTokenizer);
    this.addEos = b.addEos != null ? b.addEos : wpm;
    this.addSpacePrefix = b.addSpacePrefix != null ? b.addSpacePrefix : spm || wpm;
    this.lowercase = b.lowercase == null || b.lowercase;
    this.rstrip = rstripFlags(b.modelName);
    if (addBos && bos == NONE) {
      throw new IllegalArgumentException("addBos is set but the vocabulary has no BOS token");
    }
    if (addEos && eos == NONE) {
      throw new IllegalArgumentException("addEos is set but the vocabulary has no EOS token");
    }
  }

  /**
   * llama.cpp's RSTRIP attribute, which GGUF files do not store: for models whose {@code
   * general.name} contains "phi-3" or "phi3", whitespace after a special token written in the text
   * is dropped (except after {@code <unk>}, {@code <s>} and {@code <|endoftext|>}).
   */
  private boolean[] rstripFlags(@Nullable String modelName) {
    boolean[] flags = new boolean[tokens.length];
    String name = modelName == null ? "" : modelName.toLowerCase(Locale.ROOT);
    if (!name.contains("phi-3") && !name.contains("phi3")) {
      return flags;
    }
    for (int i = 0; i < tokens.length; i++) {
      TokenType t = types[i];
      flags[i] = t == TokenType.CONTROL || t == TokenType.USER_DEFINED || t == TokenType.UNKNOWN;
    }
    setFlag(flags, "</s>", true);
    for (String keep : new String[] {"<unk>", "<s>", "<|endoftext|>"}) {
      setFlag(flags, keep, false);
    }
    return flags;
  }

  private void setFlag(boolean[] flags, String token, boolean value) {
    int id = ids.get(token, NONE);
    if (id != NONE) {
      flags[id] = value;
    }
  }

  private static <T> T checkLength(T array, int n, String name) {
    int len = java.lang.reflect.Array.getLength(array);
    if (len != n) {
      throw new IllegalArgumentException(
          name + " has " + len + " entries but there are " + n + " tokens");
    }
    return array;
  }

  /** Out-of-range ids (e.g. UINT32 -1 placeholders in GGUF files) count as absent. */
  private int checkId(int id, String name) {
    return id >= 0 && id < tokens.length ? id : NONE;
  }

  public static Builder builder(Kind kind) {
    return new Builder(Objects.requireNonNull(kind, "kind"));
  }

  public Kind kind() {
    return kind;
  }

  /** The lower-cased {@code tokenizer.ggml.pre} name, or "" when absent. */
  public String preTokenizer() {
    return preTokenizer;
  }

  public int size() {
    return tokens.length;
  }

  /**
   * The token text as stored (SentencePiece uses "▁" for spaces; BPE uses the GPT-2 byte alphabet).
   */
  public String token(int id) {
    return tokens[checkIndex(id)];
  }

  public float score(int id) {
    return scores[checkIndex(id)];
  }

  public TokenType type(int id) {
    return types[checkIndex(id)];
  }

  /** The id of a token text, or {@link #NONE}. */
  public int id(String text) {
    return ids.get(text, NONE);
  }

  /** The rank of merging {@code left} and {@code right}, or -1 if they do not merge. */
  public int mergeRank(String left, String right) {
    return mergeRanks.get(left + ' ' + right, -1);
  }

  public int bosId() {
    return bos;
  }

  public int eosId() {
    return eos;
  }

  public int unknownId() {
    return unknown;
  }

  public int paddingId() {
    return padding;
  }

  public int endOfTurnId() {
    return endOfTurn;
  }

  public int endOfMessageId() {
    return endOfMessage;
  }

  public boolean addBos() {
    return addBos;
  }

  public boolean addEos() {
    return addEos;
  }

  public boolean addSpacePrefix() {
    return addSpacePrefix;
  }

  /**
   * Whether WordPiece lower-cases and strips accents ({@code tokenizer.ggml.normalizer.lowercase},
   * true when absent: BERT vocabularies are usually uncased). Other kinds ignore it.
   */
  public boolean lowercase() {
    return lowercase;
  }

  /** Whether whitespace after this special token, when written in the text, is dropped. */
  public boolean rstrip(int id) {
    return rstrip[checkIndex(id)];
  }

  /** Whether the id is valid for this vocabulary. */
  public boolean contains(int id) {
    return id >= 0 && id < tokens.length;
  }

  private int checkIndex(int id) {
    if (id < 0 || id >= tokens.length) {
      throw new IllegalArgumentException(
          "token id " + id + " is outside the vocabulary [0, " + tokens.length + ")");
    }
    return id;
  }

  @Override
  public String toString() {
    return "Vocabulary[" + kind + ", " + tokens.length + " tokens, pre=" + preTokenizer + "]";
  }

  /** Builds a {@link Vocabulary}; unset flags take llama.cpp's defaults for the kind. */
  public static final class Builder {
    private final Kind kind;
    private String @Nullable [] tokens;
    private float @Nullable [] scores;
    private int @Nullable [] types;
    private String @Nullable [] merges;
    private @Nullable String preTokenizer;
    private @Nullable String modelName;
    private int bos = NONE;
    private int eos = NONE;
    private int unknown = NONE;
    private int padding = NONE;
    private int endOfTurn = NONE;
    private int endOfMessage = NONE;
    private @Nullable Boolean addBos;
    private @Nullable Boolean addEos;
    private @Nullable Boolean addSpacePrefix;
    private @Nullable Boolean lowercase;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    public Builder tokens(String[] tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    public Builder scores(float @Nullable [] scores) {
      this.scores = scores;
      return this;
    }

    /** GGUF token type codes, see {@link TokenType}. */
    public Builder types(int @Nullable [] types) {
      this.types = types;
      return this;
    }

    /** BPE merges as "left right", highest priority first. */
    public Builder merges(String @Nullable [] merges) {
      this.merges = merges;
      return this;
    }

    public Builder preTokenizer(@Nullable String preTokenizer) {
      this.preTokenizer = preTokenizer;
      return this;
    }

    /** The model's {@code general.name}; a few tokenizer quirks of llama.cpp depend on it. */
    public Builder modelName(@Nullable String modelName) {
      this.modelName = modelName;
      return this;
    }

    public Builder bos(int id) {
      this.bos = id;
      return this;
    }

    public Builder eos(int id) {
      this.eos = id;
      return this;
    }

    public Builder unknown(int id) {
      this.unknown = id;
      return this;
    }

    public Builder padding(int id) {
      this.padding = id;
      return this;
    }

    public Builder endOfTurn(int id) {
      this.endOfTurn = id;
      return this;
    }

    public Builder endOfMessage(int id) {
      this.endOfMessage = id;
      return this;
    }

    public Builder addBos(@Nullable Boolean addBos) {
      this.addBos = addBos;
      return this;
    }

    public Builder addEos(@Nullable Boolean addEos) {
      this.addEos = addEos;
      return this;
    }

    public Builder addSpacePrefix(@Nullable Boolean addSpacePrefix) {
      this.addSpacePrefix = addSpacePrefix;
      return this;
    }

    /** WordPiece only: lower-case and strip accents (default true). */
    public Builder lowercase(@Nullable Boolean lowercase) {
      this.lowercase = lowercase;
      return this;
    }

    public Vocabulary build() {
      return new Vocabulary(this);
    }
  }
}
