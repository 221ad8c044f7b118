package dev.llmkit;

import org.jspecify.annotations.Nullable;

/**
 * A model could not be loaded: the file is missing, unreadable, corrupt, truncated, or uses a
 * format, version, tensor type or architecture this SDK does not support. The message names the
 * file, the problem and what is supported.
 */
public class ModelLoadException extends LlmException {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String provider, String message) {
    super(provider, message);
  }

  public ModelLoadException(String provider, String message, @Nullable Throwable cause) {
    super(provider, message, cause);
  }
}
