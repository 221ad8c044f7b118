package dev.llmkit.local.internal.tensor;

import org.jspecify.annotations.Nullable;

/** Matrix × vector and matrix × matrix products of weight tensors with float activations. */
public final class MatMul {
  /**
   * From this batch size on, matMat decodes each weight row once into a float scratch row and
   * multiplies it with every activation row, instead of decoding it once per activation row.
   */
  static final int DECODE_ONCE_MIN_BATCH = 4;

  private MatMul() {}

  /**
   * {@code out[outOff + r] = W[r] · x[xOff ..]} for all rows r of {@code w}, rows split over the
   * pool's threads, each share by {@link Kernels#dotRows} (also the output head over the
   * vocabulary, tied to the token embedding or not).
   */
  public static void matVec(
      ComputePool pool,
      Kernels kernels,
      FloatTensor w,
      float[] x,
      int xOff,
      float[] out,
      int outOff) {
    pool.forRange(w.rows(), (from, to) -> kernels.dotRows(w, from, to, x, xOff, out, outOff));
  }

  /**
   * For a batch of {@code batch} activation rows {@code x[b * w.cols() ..]}, computes {@code out[b
   * * w.rows() + r] = W[r] · x_b}; rows are split over the pool's threads.
   *
   * <p>From {@link #DECODE_ONCE_MIN_BATCH} rows on, weight rows are decoded four at a time into a
   * float scratch ({@link Kernels#decodeRow}, in vector registers) and multiplied with four
   * activation rows at once ({@link Kernels#dot4x4}), so each weight block is decoded once per
   * batch and each load feeds four products.
   */
  public static void matMat(
      ComputePool pool, Kernels kernels, FloatTensor w, float[] x, int batch, float[] out) {
    if (batch == 1) {
      matVec(pool, kernels, w, x, 0, out, 0);
      return;
    }
    matMatMany(pool, kernels, new FloatTensor[] {w}, x, batch, new float[][] {out});
  }

  /**
   * Several products with the same input in one parallel pass (one fork/join instead of one per
   * matrix): for each i, {@code outs[i][b * ws[i].rows() + r] = ws[i][r] · x_b}. All matrices must
   * have {@code x}'s row length.
   */
  public static void matMatMany(
      ComputePool pool, Kernels kernels, FloatTensor[] ws, float[] x, int batch, float[][] outs) {
    int cols = ws[0].cols();
    int[] firstRow = new int[ws.length + 1];
    for (int i = 0; i < ws.length; i++) {
      if (ws[i].cols() != cols) {
        throw new IllegalArgumentException(
            "matrices have different row lengths: " + ws[0] + ", " + ws[i]);
      }
      firstRow[i + 1] = firstRow[i] + ws[i].rows();
    }
    if (batch >= VectorGemm.MIN_BATCH && kernels instanceof VectorKernels) {
      VectorGemm.products(pool, ws, x, batch, outs);
      return;
    }
    boolean decodeOnce = batch >= DECODE_ONCE_MIN_BATCH;
    pool.forRange(
        firstRow[ws.length],
        (from, to) -> {
          float[] quad = decodeOnce ? new float[4 * cols] : null;
          float[] products = new float[16];
          for (int m = 0; m < ws.length; m++) {
            int lo = Math.max(from, firstRow[m]) - firstRow[m];
            int hi = Math.min(to, firstRow[m + 1]) - firstRow[m];
            if (lo < hi) {
              rowRange(kernels, ws[m], lo, hi, x, batch, outs[m], quad, products);
            }
          }
        });
  }

  private static void rowRange(
      Kernels kernels,
      FloatTensor w,
      int lo,
      int hi,
      float[] x,
      int batch,
      float[] out,
      float @Nullable [] quad,
      float[] products) {
    int cols = w.cols();
    int rows = w.rows();
    if (quad == null) {
      for (int b = 0; b < batch; b++) {
        kernels.dotRows(w, lo, hi, x, b * cols, out, b * rows);
      }
      return;
    }
    int r = lo;
    for (; r + 4 <= hi; r += 4) {
      for (int i = 0; i < 4; i++) {
        kernels.decodeRow(w, r + i, quad, i * cols);
      }
      int b = 0;
      for (; b + 4 <= batch; b += 4) {
        kernels.dot4x4(quad, 0, x, b * cols, cols, cols, products);
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            out[(b + j) * rows + r + i] = products[4 * i + j];
          }
        }
      }
      for (; b < batch; b++) {
        for (int i = 0; i < 4; i++) {
          out[b * rows + r + i] = kernels.dot(quad, i * cols, x, b * cols, cols);
        }
      }
    }
    for (; r < hi; r++) {
      kernels.decodeRow(w, r, quad, 0);
      int b = 0;
      for (; b + 4 <= batch; b += 4) {
        kernels.dot2x4(quad, 0, x, b * cols, cols, cols, products);
        for (int j = 0; j < 4; j++) {
          out[(b + j) * rows + r] = products[j];
        }
      }
      for (; b < batch; b++) {
        out[b * rows + r] = kernels.dot(quad, 0, x, b * cols, cols);
      }
    }
  }
}
