package dev.llmkit.local.internal.tokenizer;

import dev.llmkit.local.internal.gguf.GgufMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Converts text to token ids and back, following llama.cpp's {@code llama_tokenize} and {@code
 * llama_token_to_piece} for SentencePiece ({@code llama}), byte-level BPE ({@code gpt2}) and
 * WordPiece ({@code bert}, as Hugging Face's BertTokenizer) vocabularies.
 *
 * <p>Instances are immutable and thread-safe; BPE word results are cached internally.
 */
public abstract sealed class Tokenizer permits SpmTokenizer, BpeTokenizer, WpmTokenizer {
  private static final List<String> END_OF_GENERATION_TEXTS =
      List.of(
          "<|eot_id|>",
          "<|im_end|>",
          "<|end|>",
          "<end_of_turn>",
          "<|endoftext|>",
          "<|eom_id|>",
          "<EOT>",
          "_<EOT>",
          "<|end_of_text|>");

  final Vocabulary vocabulary;
  private final SpecialTokenSplitter splitter;

  /**
   * Each token's bytes ({@link #piece}), made when first asked for: a load would otherwise decode
   * every entry of a 150,000-token vocabulary, most of which a session never prints.
   */
  private final AtomicReferenceArray<byte[]> pieces;

  private final int[] endOfGeneration;

  Tokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.splitter = new SpecialTokenSplitter(vocabulary);
    this.pieces = new AtomicReferenceArray<>(vocabulary.size());
    this.endOfGeneration = findEndOfGeneration(vocabulary);
  }

  /** The cached bytes of a valid id (shared: callers must not change them). */
  private byte[] cachedPiece(int id) {
    byte[] p = pieces.getAcquire(id);
    if (p == null) {
      p = piece(id); // a race computes the same bytes twice; either copy is right
      pieces.setRelease(id, p);
    }
    return p;
  }

  /** The tokenizer for a vocabulary's {@link Vocabulary#kind()}. */
  public static Tokenizer of(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "vocabulary");
    switch (vocabulary.kind()) {
      case SENTENCE_PIECE:
        return new SpmTokenizer(vocabulary);
      case WORD_PIECE:
        return new WpmTokenizer(vocabulary);
      default:
        return new BpeTokenizer(vocabulary);
    }
  }

  /**
   * The tokenizer described by GGUF metadata ({@code tokenizer.ggml.*}).
   *
   * @throws dev.llmkit.ModelLoadException if the tokenizer kind is unsupported or keys are missing
   */
  public static Tokenizer fromMetadata(GgufMetadata metadata) {
    return of(VocabularyLoader.fromMetadata(metadata));
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Tokenizes {@code text}.
   *
   * @param addSpecial add BOS / EOS where the vocabulary asks for them ({@link
   *     Vocabulary#addBos()}, {@link Vocabulary#addEos()})
   * @param parseSpecial match control tokens written literally in the text (e.g. {@code
   *     <|im_start|>}) as single ids; user-defined tokens always match
   */
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    Objects.requireNonNull(text, "text");
    return encode(splitter.split(text, parseSpecial), text.length(), addSpecial);
  }

  /**
   * Marks untrusted text (a chat message's content) so that {@link #encodeQuoted} keeps the
   * control-token text in it, e.g. a forged {@code <|im_start|>system}, plain instead of making
   * control tokens of it. Text without such tokens comes back unchanged; the noncharacters U+FDD0
   * and U+FDD1 (the marks) become U+FFFD.
   */
  public String quote(String content) {
    Objects.requireNonNull(content, "content");
    return splitter.quote(content);
  }

  /**
   * Tokenizes a prompt rendered from template markup and {@link #quote quoted} content: control
   * tokens in the markup become single ids, quoted text stays plain; the marks are dropped.
   *
   * @param addSpecial add BOS / EOS where the vocabulary asks for them
   */
  public int[] encodeQuoted(String text, boolean addSpecial) {
    Objects.requireNonNull(text, "text");
    return encode(splitter.splitQuoted(text), text.length(), addSpecial);
  }

  private int[] encode(
      List<SpecialTokenSplitter.Fragment> fragments, int length, boolean addSpecial) {
    IntList out = new IntList(length / 3 + 4);
    if (addSpecial && vocabulary.addBos()) {
      out.add(vocabulary.bosId());
    }
    boolean afterSpecial = true;
    for (SpecialTokenSplitter.Fragment f : fragments) {
      if (f.isToken()) {
        out.add(f.token());
        afterSpecial = true;
      } else {
        encodeText(f.text(), afterSpecial, out);
        afterSpecial = false;
      }
    }
    if (addSpecial && vocabulary.addEos()) {
      out.add(vocabulary.eosId());
    }
    return out.toArray();
  }

  /** Tokenizes a text fragment that contains no special tokens. */
  abstract void encodeText(String text, boolean afterSpecial, IntList out);

  /** The bytes a token stands for when rendered normally; see {@link #pieceBytes}. */
  abstract byte[] normalPiece(int id);

  private byte[] piece(int id) {
    switch (vocabulary.type(id)) {
      case CONTROL:
      case UNKNOWN:
      case UNUSED:
        return new byte[0];
      case USER_DEFINED:
        return vocabulary.token(id).getBytes(StandardCharsets.UTF_8);
      default:
        return normalPiece(id);
    }
  }

  /**
   * The bytes of one token: SentencePiece "▁" becomes a space, byte tokens become their byte, BPE
   * tokens are mapped back from the GPT-2 alphabet. Control and unknown tokens are empty unless
   * {@code renderSpecial}, then they are their literal text. A piece may be part of a character.
   *
   * @throws IllegalArgumentException if the id is outside the vocabulary
   */
  public byte[] pieceBytes(int id, boolean renderSpecial) {
    TokenType type = vocabulary.type(id);
    if (renderSpecial && (type == TokenType.CONTROL || type == TokenType.UNKNOWN)) {
      return vocabulary.token(id).getBytes(StandardCharsets.UTF_8);
    }
    return cachedPiece(checkId(id)).clone();
  }

  /**
   * Decodes ids to text the way SentencePiece / Hugging Face {@code decode(skip_special_tokens)}
   * does: control tokens are dropped and, for vocabularies that add a space prefix, the space it
   * produced at the start is removed, so {@code decode(encode(t, false, false))} gives {@code t}
   * (except that SentencePiece vocabularies give a U+2581 of {@code t}, their space mark, back as a
   * space, as SentencePiece and llama.cpp do).
   */
  public String decode(int[] ids) {
    byte[] bytes = concat(ids, false);
    int from = vocabulary.addSpacePrefix() && bytes.length > 0 && bytes[0] == ' ' ? 1 : 0;
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }

  /**
   * Concatenates the pieces of {@code ids} as they are (a continuation keeps its leading space);
   * invalid UTF-8 becomes U+FFFD. For ids that arrive one by one use {@link #newDecoder}.
   */
  public String decodePieces(int[] ids, boolean renderSpecial) {
    return new String(concat(ids, renderSpecial), StandardCharsets.UTF_8);
  }

  private byte[] concat(int[] ids, boolean renderSpecial) {
    Objects.requireNonNull(ids, "ids");
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    for (int id : ids) {
      byte[] p = renderSpecial ? pieceBytes(id, true) : cachedPiece(checkId(id));
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private int checkId(int id) {
    if (!vocabulary.contains(id)) {
      throw new IllegalArgumentException(
          "token id " + id + " is outside the vocabulary [0, " + vocabulary.size() + ")");
    }
    return id;
  }

  /** A streaming decoder for generated ids; see {@link TokenDecoder}. */
  public TokenDecoder newDecoder(boolean renderSpecial) {
    return new TokenDecoder(this, renderSpecial);
  }

  /**
   * Whether the id ends generation: EOS, end-of-turn, end-of-message, or a token whose text is one
   * of the usual turn terminators ({@code <|eot_id|>}, {@code <|im_end|>}, {@code <|end|>}, {@code
   * <end_of_turn>}, {@code <|endoftext|>}, ...), as llama.cpp's {@code llama_vocab_is_eog}.
   */
  public boolean isEndOfGeneration(int id) {
    return Arrays.binarySearch(endOfGeneration, id) >= 0;
  }

  /** The sorted ids for which {@link #isEndOfGeneration} is true. */
  public int[] endOfGenerationIds() {
    return endOfGeneration.clone();
  }

  private static int[] findEndOfGeneration(Vocabulary v) {
    IntList ids = new IntList(8);
    for (int id : new int[] {v.eosId(), v.endOfTurnId(), v.endOfMessageId()}) {
      if (id != Vocabulary.NONE) {
        ids.add(id);
      }
    }
    for (String text : END_OF_GENERATION_TEXTS) {
      int id = v.id(text);
      if (id != Vocabulary.NONE) {
        ids.add(id);
      }
    }
    int[] sorted = ids.toArray();
    Arrays.sort(sorted);
    int n = 0;
    for (int id : sorted) {
      if (n == 0 || sorted[n - 1] != id) {
        sorted[n++] = id;
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + vocabulary + "]";
  }
}
