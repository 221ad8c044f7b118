package dev.llmkit.local.internal.embedding;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import java.nio.file.Path;
import java.util.List;

/** Opens a GGUF embedding model, choosing the encoder by {@code general.architecture}. */
public final class EmbeddingModels {
  /** Architectures usable for embeddings. */
  public static final List<String> SUPPORTED = List.of("bert", "nomic-bert", "llama", "qwen2", "qwen3");

  private EmbeddingModels() {}

  /**
   * Maps {@code path} and loads its weights and tokenizer.
   *
   * @throws ModelLoadException if the file is unreadable or not a supported embedding model
   */
  public static EmbeddingModel load(Path path, int threads) {
    GgufFile file = GgufFile.open(path);
    ComputePool pool = null;
    try {
      String arch = file.metadata().getString("general.architecture").orElse("(missing)");
      pool = new ComputePool(threads);
      switch (arch) {
        case "bert":
        case "nomic-bert":
          return BertEncoder.load(file, pool);
        case "llama":
        case "qwen2":
        case "qwen3":
          return DecoderEmbedder.load(file, pool);
        default:
          throw new ModelLoadException("local", path + ": architecture '" + arch
              + "' cannot embed; supported: " + String.join(", ", SUPPORTED));
      }
    } catch (RuntimeException | Error e) {
      if (pool != null) {
        pool.close();
      }
      file.close();
      throw e;
    }
  }
}
