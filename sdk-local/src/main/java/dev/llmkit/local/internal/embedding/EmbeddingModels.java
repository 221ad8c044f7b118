package dev.llmkit.local.internal.embedding;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Architecture;
import dev.llmkit.local.internal.model.BertEncoder;
import dev.llmkit.local.internal.tensor.ComputePool;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Opens a GGUF embedding model, choosing the encoder by {@code general.architecture}. */
public final class EmbeddingModels {
  /** Architectures usable for embeddings: the BERT encoders and every decoder architecture. */
  public static final List<String> SUPPORTED =
      Stream.concat(Stream.of("bert", "nomic-bert"), Architecture.names().stream())
          .collect(Collectors.toUnmodifiableList());

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
        default:
          if (Architecture.named(arch).isPresent()) {
            return DecoderEmbedder.load(file, pool);
          }
          throw new ModelLoadException(
              "local",
              path
                  + ": architecture '"
                  + arch
                  + "' cannot embed; supported: "
                  + String.join(", ", SUPPORTED));
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
