package dev.llmkit.local.internal.engine;

import java.nio.file.Path;

/**
 * What {@code models()} reports about the loaded model.
 *
 * @param id the file name without {@code .gguf}
 * @param file the model file
 * @param architecture GGUF {@code general.architecture}, e.g. {@code llama}
 * @param quantization the most common tensor type among the weight matrices, e.g. {@code Q8_0}
 * @param trainedContextLength the model's context length from its metadata
 * @param contextSize KV cache positions per request (the configured context size)
 * @param createdEpochSeconds the file's modification time
 */
public record ModelInfo(
    String id,
    Path file,
    String architecture,
    String quantization,
    int trainedContextLength,
    int contextSize,
    long createdEpochSeconds) {

  /** The id for a model file: its name without the {@code .gguf} extension. */
  public static String idOf(Path file) {
    String name = String.valueOf(file.getFileName());
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")
        ? name.substring(0, name.length() - 5)
        : name;
  }
}
