package dev.llmkit.local.internal.tensor;

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
   * {@code out[b * w.rows() + r] = W[r] · x_b}. Each weight row is read once and used for the whole
   * batch while it is in cache; rows are split over the pool's threads.
   */
  public static void matMat(ComputePool pool, Kernels kernels, FloatTensor w, float[] x, int batch,
      float[] out) {
    int cols = w.cols();
    int rows = w.rows();
    if (batch == 1) {
      matVec(pool, kernels, w, x, 0, out, 0);
      return;
    }
    if (batch < DECODE_ONCE_MIN_BATCH || w instanceof F32Tensor) {
      pool.forRange(rows, (from, to) -> {
        for (int r = from; r < to; r++) {
          for (int b = 0; b < batch; b++) {
            out[b * rows + r] = w.dot(kernels, r, x, b * cols);
          }
        }
      });
      return;
    }
    pool.forRange(rows, (from, to) -> {
      float[] row = new float[cols];
      for (int r = from; r < to; r++) {
        w.dequantizeRow(r, row, 0);
        for (int b = 0; b < batch; b++) {
          out[b * rows + r] = kernels.dot(row, 0, x, b * cols, cols);
        }
      }
    });
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
      float[] row = decodeOnce ? new float[cols] : null;
      int m = 0;
      for (int g = from; g < to; g++) {
        while (g >= firstRow[m + 1]) {
          m++;
        }
        FloatTensor w = ws[m];
        float[] out = outs[m];
        int r = g - firstRow[m];
        int rows = w.rows();
        if (row != null && !(w instanceof F32Tensor)) {
          w.dequantizeRow(r, row, 0);
          for (int b = 0; b < batch; b++) {
            out[b * rows + r] = kernels.dot(row, 0, x, b * cols, cols);
          }
        } else {
          for (int b = 0; b < batch; b++) {
            out[b * rows + r] = w.dot(kernels, r, x, b * cols);
          }
        }
      }
    });
  }
}
