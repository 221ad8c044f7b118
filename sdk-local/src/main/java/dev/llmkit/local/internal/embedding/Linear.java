package dev.llmkit.local.internal.embedding;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import org.jspecify.annotations.Nullable;

/**
 * One dense layer {@code y = W·x + b} of an encoder, applied to a batch of token rows at once.
 *
 * <p>When the weights were copied to the heap as floats ({@link #dense}), each pair of weight
 * rows meets every token row through the engine's {@link Kernels#dot2x4} kernel, four token rows
 * at a time, tokens in tiles of {@value #TILE_TOKENS} so a tile stays in cache while the rows
 * stream past; weight rows are split over the pool's threads and the bias is added on the way
 * out. Otherwise the mapped tensor goes through {@link MatMul#matMat}, which decodes each weight
 * row once per tile.
 */
final class Linear {
  /** Token rows that meet the weight rows together. */
  static final int TILE_TOKENS = 32;

  final int rows;
  final int cols;
  private final @Nullable FloatTensor tensor;
  private final float @Nullable [] dense;
  private final float @Nullable [] bias;

  private Linear(int rows, int cols, @Nullable FloatTensor tensor, float @Nullable [] dense,
      float @Nullable [] bias) {
    this.rows = rows;
    this.cols = cols;
    this.tensor = tensor;
    this.dense = dense;
    this.bias = bias;
  }

  /** Over the mapped tensor. */
  static Linear mapped(FloatTensor w, float @Nullable [] bias) {
    return new Linear(w.rows(), w.cols(), w, null, bias);
  }

  /**
   * The rows of {@code parts} stacked in order (e.g. q, k and v) and copied to the heap as
   * floats, with their biases (all or none present) concatenated likewise.
   */
  static Linear dense(FloatTensor[] parts, float @Nullable [][] biases) {
    int cols = parts[0].cols();
    int rows = 0;
    for (FloatTensor p : parts) {
      rows += p.rows();
    }
    float[] w = new float[rows * cols];
    float[] b = biases == null ? null : new float[rows];
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      for (int r = 0; r < parts[i].rows(); r++) {
        parts[i].dequantizeRow(r, w, (at + r) * cols);
      }
      if (b != null) {
        System.arraycopy(biases[i], 0, b, at, parts[i].rows());
      }
      at += parts[i].rows();
    }
    return new Linear(rows, cols, null, w, b);
  }

  /** {@code out[t * rows + r] = W[r] · in[t * cols ..] + b[r]} for the {@code n} token rows. */
  void apply(ComputePool pool, Kernels kernels, float[] in, int n, float[] out) {
    if (dense != null) {
      float[] w = dense;
      pool.forRange((rows + 1) / 2, (from, to) -> rowPairs(kernels, w, 2 * from,
          Math.min(rows, 2 * to), in, n, out));
    } else {
      mappedProduct(pool, kernels, in, n, out);
      addBias(out, n);
    }
  }

  private void rowPairs(Kernels kernels, float[] w, int lo, int hi, float[] in, int n,
      float[] out) {
    float[] products = new float[8];
    for (int t0 = 0; t0 < n; t0 += TILE_TOKENS) {
      int t1 = Math.min(n, t0 + TILE_TOKENS);
      int r = lo;
      for (; r + 2 <= hi; r += 2) {
        float b0 = bias == null ? 0f : bias[r];
        float b1 = bias == null ? 0f : bias[r + 1];
        int t = t0;
        for (; t + 4 <= t1; t += 4) {
          kernels.dot2x4(w, r * cols, in, t * cols, cols, cols, products);
          for (int j = 0; j < 4; j++) {
            out[(t + j) * rows + r] = products[j] + b0;
            out[(t + j) * rows + r + 1] = products[4 + j] + b1;
          }
        }
        for (; t < t1; t++) {
          out[t * rows + r] = kernels.dot(w, r * cols, in, t * cols, cols) + b0;
          out[t * rows + r + 1] = kernels.dot(w, (r + 1) * cols, in, t * cols, cols) + b1;
        }
      }
      if (r < hi) {
        float b0 = bias == null ? 0f : bias[r];
        for (int t = t0; t < t1; t++) {
          out[t * rows + r] = kernels.dot(w, r * cols, in, t * cols, cols) + b0;
        }
      }
    }
  }

  private void mappedProduct(ComputePool pool, Kernels kernels, float[] in, int n, float[] out) {
    FloatTensor m = tensor;
    if (n <= TILE_TOKENS) {
      MatMul.matMat(pool, kernels, m, in, n, out);
      return;
    }
    float[] tileIn = new float[TILE_TOKENS * cols];
    float[] tileOut = new float[TILE_TOKENS * rows];
    for (int from = 0; from < n; from += TILE_TOKENS) {
      int count = Math.min(TILE_TOKENS, n - from);
      System.arraycopy(in, from * cols, tileIn, 0, count * cols);
      MatMul.matMat(pool, kernels, m, tileIn, count, tileOut);
      System.arraycopy(tileOut, 0, out, from * rows, count * rows);
    }
  }

  private void addBias(float[] out, int n) {
    if (bias == null) {
      return;
    }
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < rows; i++) {
        out[t * rows + i] += bias[i];
      }
    }
  }
}
