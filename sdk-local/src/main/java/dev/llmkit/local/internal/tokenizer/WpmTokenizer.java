package dev.llmkit.local.internal.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * BERT's WordPiece ({@code tokenizer.ggml.model = bert}): {@link BertWords} splits the text into
 * words, then each word is split greedily into the longest vocabulary pieces; a word that cannot be
 * split, or that is longer than {@value #MAX_WORD_CHARS} code points, becomes the unknown token.
 * This is what Hugging Face's BertTokenizer gives for the same vocabulary.
 *
 * <p>Two vocabulary conventions are understood: Hugging Face's, where continuation pieces start
 * with {@code ##}, and llama.cpp's converted GGUF vocabularies, where word-initial pieces start
 * with {@code ▁} (U+2581) and continuation pieces are bare. The second is detected by the presence
 * of {@code ▁}-prefixed tokens.
 */
final class WpmTokenizer extends Tokenizer {
  static final int MAX_WORD_CHARS = 100;
  private static final String PHANTOM = "\u2581";

  private final boolean phantomSpace;
  private final int unknownId;

  WpmTokenizer(Vocabulary vocabulary) {
    super(vocabulary);
    boolean phantom = false;
    for (int id = 0; id < vocabulary.size() && !phantom; id++) {
      phantom = vocabulary.token(id).startsWith(PHANTOM);
    }
    this.phantomSpace = phantom;
    int unk = vocabulary.unknownId();
    this.unknownId = unk != Vocabulary.NONE ? unk : vocabulary.id("[UNK]");
  }

  @Override
  void encodeText(String text, boolean afterSpecial, IntList out) {
    for (String word : BertWords.split(text, vocabulary.lowercase())) {
      wordPieces(word, out);
    }
  }

  /** Appends the greedy longest-match pieces of {@code word}, or [UNK] if it cannot be split. */
  private void wordPieces(String word, IntList out) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      addUnknown(out);
      return;
    }
    IntList pieces = new IntList(4);
    int start = 0;
    while (start < word.length()) {
      int piece = Vocabulary.NONE;
      int end = word.length();
      while (end > start) {
        String sub = word.substring(start, end);
        piece = vocabulary.id(start == 0 ? initial(sub) : continuation(sub));
        if (piece != Vocabulary.NONE) {
          break;
        }
        end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
      }
      if (piece == Vocabulary.NONE) {
        addUnknown(out);
        return;
      }
      pieces.add(piece);
      start = end;
    }
    out.addAll(pieces.toArray());
  }

  private void addUnknown(IntList out) {
    if (unknownId == Vocabulary.NONE) {
      throw new IllegalArgumentException(
          "the text has a word outside the vocabulary, which has" + " no [UNK] token");
    }
    out.add(unknownId);
  }

  private String initial(String piece) {
    return phantomSpace ? PHANTOM + piece : piece;
  }

  private String continuation(String piece) {
    return phantomSpace ? piece : "##" + piece;
  }

  /** A word-initial piece renders with a leading space, a continuation piece without. */
  @Override
  byte[] normalPiece(int id) {
    String token = vocabulary.token(id);
    String text;
    if (phantomSpace) {
      text = token.startsWith(PHANTOM) ? " " + token.substring(PHANTOM.length()) : token;
    } else {
      text = token.startsWith("##") ? token.substring(2) : " " + token;
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
