package dev.llmkit.local.internal.tokenizer;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * BERT's tokenizer for embedding models: the shared WordPiece {@link Tokenizer} (which gives
 * Hugging Face BertTokenizer's ids, see {@code BertWords}) plus BERT's framing, {@code [CLS]
 * pieces… [SEP]}, and truncation.
 *
 * <p>Literal special tokens in the text ({@code [CLS]}, {@code [SEP]}, {@code [MASK]}, {@code
 * [UNK]}, {@code [PAD]}: the vocabulary's control tokens) become their ids by default, as Hugging
 * Face tokenizers and llama.cpp's embedding tool do; with {@code parseSpecial = false} they are
 * tokenized as ordinary text. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
  /** Token texts that are control tokens when the GGUF file has no token types. */
  private static final Set<String> BERT_SPECIALS =
      Set.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

  private final Tokenizer tokenizer;
  private final int unknownId;
  private final int clsId;
  private final int sepId;

  /**
   * @param tokens the vocabulary by id; the five BERT special tokens among them are control tokens
   * @param unknownId {@code [UNK]}
   * @param clsId {@code [CLS]}, put first
   * @param sepId {@code [SEP]}, put last
   */
  public WordPieceTokenizer(String[] tokens, int unknownId, int clsId, int sepId) {
    this(tokens, null, true, unknownId, clsId, sepId);
  }

  private WordPieceTokenizer(
      String[] tokens,
      int @Nullable [] types,
      boolean lowercase,
      int unknownId,
      int clsId,
      int sepId) {
    for (int id : new int[] {unknownId, clsId, sepId}) {
      if (id < 0 || id >= tokens.length) {
        throw new IllegalArgumentException(
            "special token id "
                + id
                + " is outside the vocabulary"
                + " of "
                + tokens.length
                + " tokens");
      }
    }
    int[] typeCodes = types != null ? types : defaultTypes(tokens);
    typeCodes = typeCodes.clone();
    for (int id : new int[] {clsId, sepId, unknownId}) {
      if (typeCodes[id] == TokenType.NORMAL.code()) {
        typeCodes[id] = TokenType.CONTROL.code();
      }
    }
    this.tokenizer =
        Tokenizer.of(
            Vocabulary.builder(Vocabulary.Kind.WORD_PIECE)
                .tokens(tokens)
                .types(typeCodes)
                .unknown(unknownId)
                .bos(clsId)
                .eos(sepId)
                .lowercase(lowercase)
                .build());
    this.unknownId = unknownId;
    this.clsId = clsId;
    this.sepId = sepId;
  }

  private static int[] defaultTypes(String[] tokens) {
    int[] types = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      types[i] =
          BERT_SPECIALS.contains(tokens[i]) ? TokenType.CONTROL.code() : TokenType.NORMAL.code();
    }
    return types;
  }

  /**
   * Reads the vocabulary, token types, special token ids and {@code
   * tokenizer.ggml.normalizer.lowercase} (true when absent); ModelLoadException when they are
   * missing or inconsistent.
   */
  public static WordPieceTokenizer fromMetadata(GgufMetadata md, String fileName) {
    String model = md.getString("tokenizer.ggml.model").orElse("");
    if (!model.equals("bert")) {
      throw new ModelLoadException(
          "local",
          fileName
              + ": tokenizer.ggml.model is '"
              + model
              + "'; the bert architecture needs the WordPiece tokenizer ('bert')");
    }
    String[] tokens =
        md.getStringArray("tokenizer.ggml.tokens")
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "local", fileName + ": metadata key tokenizer.ggml.tokens is missing"));
    int[] types = md.getIntArray("tokenizer.ggml.token_type").orElse(null);
    if (types != null && types.length != tokens.length) {
      throw new ModelLoadException(
          "local",
          fileName
              + ": tokenizer.ggml.token_type has "
              + types.length
              + " entries but there are "
              + tokens.length
              + " tokens");
    }
    int unk = special(md, tokens, fileName, "[UNK]", "tokenizer.ggml.unknown_token_id");
    int cls =
        special(
            md,
            tokens,
            fileName,
            "[CLS]",
            "tokenizer.ggml.cls_token_id",
            "tokenizer.ggml.bos_token_id");
    int sep =
        special(
            md,
            tokens,
            fileName,
            "[SEP]",
            "tokenizer.ggml.seperator_token_id",
            "tokenizer.ggml.separator_token_id",
            "tokenizer.ggml.eos_token_id");
    boolean lowercase = md.getBoolean("tokenizer.ggml.normalizer.lowercase", true);
    return new WordPieceTokenizer(tokens, types, lowercase, unk, cls, sep);
  }

  private static int special(
      GgufMetadata md, String[] tokens, String fileName, String text, String... keys) {
    for (String key : keys) {
      int id = md.getInt(key, -1);
      if (id >= 0 && id < tokens.length) {
        return id;
      }
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].equals(text)) {
        return i;
      }
    }
    throw new ModelLoadException(
        "local",
        fileName
            + ": the vocabulary has no "
            + text
            + " token and metadata key "
            + keys[0]
            + " is missing");
  }

  public int vocabularySize() {
    return tokenizer.vocabulary().size();
  }

  public String token(int id) {
    return tokenizer.vocabulary().token(id);
  }

  public int clsId() {
    return clsId;
  }

  public int sepId() {
    return sepId;
  }

  public int unknownId() {
    return unknownId;
  }

  /** Whether the vocabulary is uncased (text is lower-cased and accents stripped). */
  public boolean lowercase() {
    return tokenizer.vocabulary().lowercase();
  }

  /** The WordPiece ids of {@code text} without {@code [CLS]}/{@code [SEP]} framing. */
  public int[] pieces(String text, boolean parseSpecial) {
    return tokenizer.encode(text, false, parseSpecial);
  }

  /** {@link #encode(String, int, boolean)} with literal special tokens parsed. */
  public int[] encode(String text, int maxTokens) {
    return encode(text, maxTokens, true);
  }

  /**
   * Tokenizes {@code text} as {@code [CLS] pieces… [SEP]}, keeping at most {@code maxTokens} tokens
   * (pieces beyond that are cut, {@code [SEP]} stays last), as Hugging Face's truncation does.
   *
   * @param maxTokens at least 2
   * @param parseSpecial whether literal {@code [CLS]}, {@code [MASK]} … in the text are special
   */
  public int[] encode(String text, int maxTokens, boolean parseSpecial) {
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens is " + maxTokens + "; it must be at least 2");
    }
    int[] pieces = pieces(text, parseSpecial);
    int n = Math.min(pieces.length, maxTokens - 2);
    int[] out = new int[n + 2];
    out[0] = clsId;
    System.arraycopy(pieces, 0, out, 1, n);
    out[n + 1] = sepId;
    return out;
  }

  /** The first {@code maxTokens} of {@code [CLS] … [SEP]} ids, ending with {@code [SEP]}. */
  public int[] truncate(int[] ids, int maxTokens) {
    if (ids.length <= maxTokens) {
      return ids;
    }
    int[] out = Arrays.copyOf(ids, maxTokens);
    out[maxTokens - 1] = sepId;
    return out;
  }

  @Override
  public String toString() {
    return "WordPieceTokenizer["
        + vocabularySize()
        + " tokens, "
        + (lowercase() ? "uncased" : "cased")
        + "]";
  }
}
