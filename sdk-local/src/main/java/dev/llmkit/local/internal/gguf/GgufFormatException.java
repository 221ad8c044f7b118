package dev.llmkit.local.internal.gguf;

import java.io.IOException;

/**
 * A structural problem in a GGUF file; {@link GgufFile#open} turns it into a ModelLoadException.
 */
final class GgufFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  GgufFormatException(String message) {
    super(message);
  }
}
