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
   * pool's threads.
   */
  public static void matVec(ComputePool pool, Kernels kernels, FloatTensor w, float[] x, int xOff,
      float[] out, int outOff) {
    pool.forRange(w.rows(), (from, to) -> {
      for (int r = from; r < to; r++) {
        out[outOff + r] = w.dot(kernels, r, x, xOff);
      }
    });
  }

  /**
   * For a batch of {@code batch} activation rows {@code x[b * w.cols() ..]}, computes
   * {@code out[b * w.rows() + r] = W[r] · x_b}; rows are split over the pool's threads.
   *
   * <p>From {@link #DECODE_ONCE_MIN_BATCH} rows on, weight rows are decoded two at a time into a
   * float scratch and multiplied with four activation rows at once ({@link Kernels#dot2x4}), so
   * each decoded row is reused for the whole batch and each activation load feeds two products.
   */
  public static void matMat(ComputePool pool, Kernels kernels, FloatTensor w, float[] x, int batch,
      float[] out) {
    if (batch == 1) {
      matVec(pool, kernels, w, x, 0, out, 0);
      return;
    }
    matMatMany(pool, kernels, new FloatTensor[] {w}, x, batch, new float[][] {out});
  }

  /**
   * Several products with the same input in one parallel pass (one fork/join instead of one per
   * matrix): for each i, {@code outs[i][b * ws[i].rows() + r] = ws[i][r] · x_b}. All matrices
   * must have {@code x}'s row length.
   */
  public static void matMatMany(ComputePool pool, Kernels kernels, FloatTensor[] ws, float[] x,
      int batch, float[][] outs) {
    int cols = ws[0].cols();
    int[] firstRow = new int[ws.length + 1];
    for (int i = 0; i < ws.length; i++) {
      if (ws[i].cols() != cols) {
        throw new IllegalArgumentException("matrices have different row lengths: " + ws[0] + ", " + ws[i]);
      }
      firstRow[i + 1] = firstRow[i] + ws[i].rows();
    }
    boolean decodeOnce = batch >= DECODE_ONCE_MIN_BATCH;
    pool.forRange(firstRow[ws.length], (from, to) -> {
      float[] pair = decodeOnce ? new float[2 * cols] : null;
      float[] products = new float[8];
      for (int m = 0; m < ws.length; m++) {
        int lo = Math.max(from, firstRow[m]) - firstRow[m];
        int hi = Math.min(to, firstRow[m + 1]) - firstRow[m];
        if (lo < hi) {
          rowRange(kernels, ws[m], lo, hi, x, batch, outs[m], pair, products);
        }
      }
    });
  }

  private static void rowRange(Kernels kernels, FloatTensor w, int lo, int hi, float[] x, int batch,
      float[] out, float @Nullable [] pair, float[] products) {
    int cols = w.cols();
    int rows = w.rows();
    if (pair == null) {
      for (int r = lo; r < hi; r++) {
        for (int b = 0; b < batch; b++) {
          out[b * rows + r] = w.dot(kernels, r, x, b * cols);
        }
      }
      return;
    }
    int r = lo;
    for (; r + 2 <= hi; r += 2) {
      w.dequantizeRow(r, pair, 0);
      w.dequantizeRow(r + 1, pair, cols);
      int b = 0;
      for (; b + 4 <= batch; b += 4) {
        kernels.dot2x4(pair, 0, x, b * cols, cols, cols, products);
        for (int j = 0; j < 4; j++) {
          out[(b + j) * rows + r] = products[j];
          out[(b + j) * rows + r + 1] = products[4 + j];
        }
      }
      for (; b < batch; b++) {
        out[b * rows + r] = kernels.dot(pair, 0, x, b * cols, cols);
        out[b * rows + r + 1] = kernels.dot(pair, cols, x, b * cols, cols);
      }
    }
    if (r < hi) {
      w.dequantizeRow(r, pair, 0);
      for (int b = 0; b < batch; b++) {
        out[b * rows + r] = kernels.dot(pair, 0, x, b * cols, cols);
      }
    }
  }
}
