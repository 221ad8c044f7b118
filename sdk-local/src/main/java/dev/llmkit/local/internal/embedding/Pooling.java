package dev.llmkit.local.internal.embedding;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufMetadata;

/**
 * How per-token hidden states become one vector, from {@code <arch>.pooling_type} (ggml's enum: 0
 * none, 1 mean, 2 cls, 3 last, 4 rank). Absent or 0 means {@link #MEAN}, since one vector per input
 * is what the embeddings API returns; rank (rerankers) is refused.
 */
public enum Pooling {
  /** The average over all tokens. */
  MEAN,
  /** The first token ([CLS] for BERT). */
  CLS,
  /** The last token (Qwen3-Embedding and other decoder embedders). */
  LAST;

  public static Pooling fromMetadata(GgufMetadata md, String arch, String fileName) {
    int type = md.getInt(arch + ".pooling_type", 1);
    switch (type) {
      case 0:
      case 1:
        return MEAN;
      case 2:
        return CLS;
      case 3:
        return LAST;
      default:
        throw new ModelLoadException(
            "local",
            fileName
                + ": "
                + arch
                + ".pooling_type "
                + type
                + (type == 4 ? " (rank) is for rerankers" : " is unknown")
                + "; embeddings support 1 (mean), 2 (cls) and 3 (last)");
    }
  }

  /** Pools {@code n} rows of {@code dim} floats from {@code hidden} into a new vector. */
  public float[] pool(float[] hidden, int n, int dim) {
    float[] out = new float[dim];
    switch (this) {
      case CLS:
        System.arraycopy(hidden, 0, out, 0, dim);
        return out;
      case LAST:
        System.arraycopy(hidden, (n - 1) * dim, out, 0, dim);
        return out;
      default:
        double[] sum = new double[dim];
        for (int t = 0; t < n; t++) {
          for (int i = 0; i < dim; i++) {
            sum[i] += hidden[t * dim + i];
          }
        }
        for (int i = 0; i < dim; i++) {
          out[i] = (float) (sum[i] / n);
        }
        return out;
    }
  }
}
