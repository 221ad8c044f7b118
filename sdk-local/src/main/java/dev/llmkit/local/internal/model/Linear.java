package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import dev.llmkit.local.internal.tensor.PackedMatrix;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dense layer {@code y = W·x + b} of an encoder, applied to a batch of token rows at once.
 *
 * <p>When the weights were copied to the heap as floats ({@link #dense}), they are packed into row
 * panels with their bias ({@link PackedMatrix}) and multiplied by the register-blocked {@link
 * Kernels#matMulPacked} kernel, panels split over the pool's threads. Otherwise the mapped tensor
 * goes through {@link MatMul#matMat}, which decodes each weight row once per tile of {@value
 * #TILE_TOKENS} token rows, and the bias is added afterwards.
 */
final class Linear {
  /** Token rows per {@link MatMul#matMat} call on the mapped path. */
  static final int TILE_TOKENS = 32;

  final int rows;
  final int cols;
  private final @Nullable FloatTensor tensor;
  private final @Nullable PackedMatrix packed;
  private final float @Nullable [] bias;

  private Linear(
      int rows,
      int cols,
      @Nullable FloatTensor tensor,
      @Nullable PackedMatrix packed,
      float @Nullable [] bias) {
    this.rows = rows;
    this.cols = cols;
    this.tensor = tensor;
    this.packed = packed;
    this.bias = bias;
  }

  /** Over the mapped tensor. */
  static Linear mapped(FloatTensor w, float @Nullable [] bias) {
    return new Linear(w.rows(), w.cols(), w, null, bias);
  }

  /**
   * The rows of {@code parts} stacked in order (e.g. q, k and v) and copied to the heap as floats,
   * with their biases (all or none present) concatenated likewise.
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
      if (b != null && biases != null) { // b is allocated exactly when biases are given
        System.arraycopy(biases[i], 0, b, at, parts[i].rows());
      }
      at += parts[i].rows();
    }
    return new Linear(rows, cols, null, PackedMatrix.of(w, rows, cols, b), null);
  }

  /** {@code out[t * rows + r] = W[r] · in[t * cols ..] + b[r]} for the {@code n} token rows. */
  void apply(ComputePool pool, Kernels kernels, float[] in, int n, float[] out) {
    if (packed != null) {
      packed.multiply(pool, kernels, in, n, out);
    } else {
      mappedProduct(pool, kernels, in, n, out);
      addBias(out, n);
    }
  }

  private void mappedProduct(ComputePool pool, Kernels kernels, float[] in, int n, float[] out) {
    FloatTensor m = Objects.requireNonNull(tensor, "mapped product without a mapped tensor");
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
