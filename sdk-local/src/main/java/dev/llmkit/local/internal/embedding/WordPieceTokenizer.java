package dev.llmkit.local.internal.embedding;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * BERT's WordPiece tokenizer, built from GGUF metadata ({@code tokenizer.ggml.model = "bert"}).
 *
 * <p>Text goes through BERT's basic tokenizer for uncased models: control characters are dropped,
 * text is lower-cased and accents are stripped (NFD, combining marks removed), and words are split
 * at whitespace, at every punctuation character and around every CJK ideograph. Each word is then
 * split greedily into the longest vocabulary pieces; a word that cannot be split, or that is longer
 * than {@value #MAX_WORD_CHARS} characters, becomes the unknown token. The result is wrapped in
 * {@code [CLS] … [SEP]}.
 *
 * <p>Two vocabulary conventions are understood: Hugging Face's, where continuation pieces start
 * with {@code ##}, and llama.cpp's converted GGUF vocabularies, where word-initial pieces start
 * with {@code ▁} (U+2581) and continuation pieces are bare. The second is detected by the presence
 * of {@code ▁}-prefixed tokens. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
  static final int MAX_WORD_CHARS = 100;
  private static final String PHANTOM = "\u2581";

  private final String[] tokens;
  private final Map<String, Integer> ids;
  private final boolean phantomSpace;
  private final int unknownId;
  private final int clsId;
  private final int sepId;

  /**
   * @param tokens the vocabulary by id
   * @param unknownId {@code [UNK]}
   * @param clsId {@code [CLS]}, put first
   * @param sepId {@code [SEP]}, put last
   */
  public WordPieceTokenizer(String[] tokens, int unknownId, int clsId, int sepId) {
    this.tokens = tokens.clone();
    this.ids = new HashMap<>(tokens.length * 2);
    boolean phantom = false;
    for (int i = 0; i < tokens.length; i++) {
      ids.putIfAbsent(tokens[i], i);
      phantom |= tokens[i].startsWith(PHANTOM);
    }
    this.phantomSpace = phantom;
    for (int id : new int[] {unknownId, clsId, sepId}) {
      if (id < 0 || id >= tokens.length) {
        throw new IllegalArgumentException("special token id " + id + " is outside the vocabulary"
            + " of " + tokens.length + " tokens");
      }
    }
    this.unknownId = unknownId;
    this.clsId = clsId;
    this.sepId = sepId;
  }

  /** Reads the vocabulary and special token ids; ModelLoadException when they are missing. */
  public static WordPieceTokenizer fromMetadata(GgufMetadata md, String fileName) {
    String model = md.getString("tokenizer.ggml.model").orElse("");
    if (!model.equals("bert")) {
      throw new ModelLoadException("local", fileName + ": tokenizer.ggml.model is '" + model
          + "'; the bert architecture needs the WordPiece tokenizer ('bert')");
    }
    String[] tokens = md.getStringArray("tokenizer.ggml.tokens").orElseThrow(() ->
        new ModelLoadException("local", fileName + ": metadata key tokenizer.ggml.tokens is missing"));
    int unk = special(md, tokens, fileName, "[UNK]", "tokenizer.ggml.unknown_token_id");
    int cls = special(md, tokens, fileName, "[CLS]", "tokenizer.ggml.cls_token_id",
        "tokenizer.ggml.bos_token_id");
    int sep = special(md, tokens, fileName, "[SEP]", "tokenizer.ggml.seperator_token_id",
        "tokenizer.ggml.separator_token_id", "tokenizer.ggml.eos_token_id");
    return new WordPieceTokenizer(tokens, unk, cls, sep);
  }

  private static int special(GgufMetadata md, String[] tokens, String fileName, String text,
      String... keys) {
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
    throw new ModelLoadException("local", fileName + ": the vocabulary has no " + text
        + " token and metadata key " + keys[0] + " is missing");
  }

  public int vocabularySize() {
    return tokens.length;
  }

  public String token(int id) {
    return tokens[id];
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

  /**
   * Tokenizes {@code text} as {@code [CLS] pieces… [SEP]}, keeping at most {@code maxTokens}
   * tokens (pieces beyond that are cut, {@code [SEP]} stays last).
   *
   * @param maxTokens at least 2
   */
  public int[] encode(String text, int maxTokens) {
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens is " + maxTokens + "; it must be at least 2");
    }
    List<Integer> out = new ArrayList<>();
    out.add(clsId);
    for (String word : basicTokens(text)) {
      if (out.size() >= maxTokens - 1) {
        break;
      }
      wordPieces(word, out);
    }
    int n = Math.min(out.size(), maxTokens - 1);
    int[] result = new int[n + 1];
    for (int i = 0; i < n; i++) {
      result[i] = out.get(i);
    }
    result[n] = sepId;
    return result;
  }

  /** The words of BERT's basic tokenizer (uncased): cleaned, lower-cased, accent-free. */
  static List<String> basicTokens(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    String normalized = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT),
        Normalizer.Form.NFD);
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || Character.getType(cp) == Character.NON_SPACING_MARK
          || (isControl(cp) && !isWhitespace(cp))) {
        continue;
      }
      if (isWhitespace(cp)) {
        flush(word, words);
      } else if (isPunctuation(cp) || isCjk(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** Appends the greedy longest-match pieces of {@code word}, or [UNK] if it cannot be split. */
  private void wordPieces(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      out.add(unknownId);
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < word.length()) {
      OptionalInt piece = OptionalInt.empty();
      int end = word.length();
      while (end > start) {
        String sub = word.substring(start, end);
        Integer id = ids.get(start == 0 ? initial(sub) : continuation(sub));
        if (id != null) {
          piece = OptionalInt.of(id);
          break;
        }
        end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
      }
      if (piece.isEmpty()) {
        out.subList(mark, out.size()).clear();
        out.add(unknownId);
        return;
      }
      out.add(piece.getAsInt());
      start = end;
    }
  }

  private String initial(String piece) {
    return phantomSpace ? PHANTOM + piece : piece;
  }

  private String continuation(String piece) {
    return phantomSpace ? piece : "##" + piece;
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT;
  }

  /** ASCII symbols count as punctuation, as in BERT; elsewhere the Unicode P* categories. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /** CJK Unified Ideographs and their extensions and compatibility blocks. */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  @Override
  public String toString() {
    return "WordPieceTokenizer[" + tokens.length + " tokens, "
        + (phantomSpace ? "▁-prefixed words" : "##-prefixed continuations") + "]";
  }
}
