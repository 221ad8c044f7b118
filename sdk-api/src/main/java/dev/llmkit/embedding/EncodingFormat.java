package dev.llmkit.embedding;

import dev.llmkit.internal.Checks;

/**
 * How the provider encodes vectors on the wire. It changes transfer size only: {@link
 * Embedding#vector()} is always a {@code float[]}. Values this SDK does not know are kept.
 */
public record EncodingFormat(String value) {
  public static final EncodingFormat FLOAT = new EncodingFormat("float");
  public static final EncodingFormat BASE64 = new EncodingFormat("base64");

  public EncodingFormat {
    Checks.notBlank(value, "value");
  }

  /** Returns the format for {@code value}, known or not. */
  public static EncodingFormat of(String value) {
    if (FLOAT.value.equals(value)) {
      return FLOAT;
    }
    return BASE64.value.equals(value) ? BASE64 : new EncodingFormat(value);
  }

  /** Whether this SDK has a constant for this format. */
  public boolean isKnown() {
    return equals(FLOAT) || equals(BASE64);
  }

  @Override
  public String toString() {
    return value;
  }
}
