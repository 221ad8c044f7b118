package dev.llmkit.local.internal.tokenizer;

/** The GGUF {@code tokenizer.ggml.token_type} codes (gguf-py's {@code TokenType}). */
public enum TokenType {
  NORMAL(1),
  UNKNOWN(2),
  CONTROL(3),
  USER_DEFINED(4),
  UNUSED(5),
  BYTE(6);

  private final int code;

  TokenType(int code) {
    this.code = code;
  }

  /** The numeric code stored in GGUF files. */
  public int code() {
    return code;
  }

  /** The type for a GGUF code; 0 (undefined) and unknown codes count as {@link #NORMAL}. */
  public static TokenType of(int code) {
    switch (code) {
      case 2:
        return UNKNOWN;
      case 3:
        return CONTROL;
      case 4:
        return USER_DEFINED;
      case 5:
        return UNUSED;
      case 6:
        return BYTE;
      default:
        return NORMAL;
    }
  }
}
