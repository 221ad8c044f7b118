package dev.llmkit.local.internal.tokenizer;

/**
 * Decodes generated token ids one at a time into text that is always valid UTF-8: a character whose
 * bytes span several tokens (e.g. byte-fallback tokens {@code <0xE4><0xBD><0xA0>}) is returned
 * whole by the call that completes it.
 *
 * <p>Pieces are concatenated as they are, so a SentencePiece continuation keeps its leading space.
 * Not thread-safe: use one instance per generation.
 */
public final class TokenDecoder {
  private final Tokenizer tokenizer;
  private final boolean renderSpecial;
  private final Utf8StreamDecoder utf8 = new Utf8StreamDecoder();

  TokenDecoder(Tokenizer tokenizer, boolean renderSpecial) {
    this.tokenizer = tokenizer;
    this.renderSpecial = renderSpecial;
  }

  /**
   * Adds one token and returns the text that is now complete (possibly empty).
   *
   * @throws IllegalArgumentException if the id is outside the vocabulary
   */
  public String accept(int tokenId) {
    return utf8.feed(tokenizer.pieceBytes(tokenId, renderSpecial));
  }

  /** Adds one token, a control token rendered as its text whatever this decoder's setting. */
  public String acceptShown(int tokenId) {
    return utf8.feed(tokenizer.pieceBytes(tokenId, true));
  }

  /** Returns what is still held back (as U+FFFD, since it can no longer be completed). */
  public String flush() {
    return utf8.flush();
  }

  /** Whether bytes of an incomplete character are held back. */
  public boolean hasPending() {
    return utf8.hasPending();
  }
}
