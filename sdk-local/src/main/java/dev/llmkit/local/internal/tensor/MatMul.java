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
}
