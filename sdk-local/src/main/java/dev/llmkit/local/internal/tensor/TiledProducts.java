package dev.llmkit.local.internal.tensor;

/**
 * Weight matrices times a small batch of tokens (one generation step of up to a few dozen
 * sequences). Q8_0 and Q4_0 weights (the common quantizations with a register-decoding step kernel)
 * go through tiled matrix × matrix products: with the vector kernels, each group of four weight
 * rows is decoded once per step into a float scratch (row by row, which streams from memory) and
 * multiplied with two tokens at a time in a register tile, so the cost of reading and decoding the
 * weights is shared by the batch; a lone token decodes them in registers instead, one row at a
 * time. Every other type (K-quants, Q5_0, F16, …) takes the single-row {@link FloatTensor#dot} per
 * product, the kernel of {@link MatMul#matVec}, which scales once per block: for one token that is
 * cheaper than decoding rows to floats first (measured 0.72× the matrix × vector speed on Q5_0),
 * and the batch still reads each weight row from memory once (the other tokens find it in cache).
 *
 * <p><b>Numerics.</b> A product's value depends only on the weight row and the token's activations,
 * never on the batch size or on which rows and tokens share its tile: every kernel behind this
 * class runs the same operation order per product (see {@link VectorStepTiles}), and a {@link
 * FloatTensor#dot} product does not depend on the batch either. For Q8_0 and Q4_0 the order differs
 * from the single-row matrix × vector kernels of {@link MatMul#matVec} (those accumulate per block
 * and scale once per block), so results agree with them to float rounding, not bit for bit.
 */
public final class TiledProducts {
  /** Weight rows decoded together. */
  private static final int ROWS = 4;

  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  private TiledProducts() {}

  /**
   * For each i, {@code outs[i][t * ws[i].rows() + r] = ws[i][r] · x[t * cols ..]} for every row r
   * and token {@code t < tokens}, all matrices in one parallel pass. All matrices must have the
   * same row length {@code cols}.
   */
  public static void products(
      ComputePool pool, Kernels kernels, FloatTensor[] ws, float[] x, int tokens, float[][] outs) {
    if (tokens < 1 || ws.length != outs.length) {
      throw new IllegalArgumentException(
          "need at least one token and one output per matrix, got "
              + tokens
              + " tokens, "
              + ws.length
              + " matrices, "
              + outs.length
              + " outputs");
    }
    int cols = ws[0].cols();
    int[] firstGroup = new int[ws.length + 1];
    for (int i = 0; i < ws.length; i++) {
      if (ws[i].cols() != cols) {
        throw new IllegalArgumentException(
            "matrices have different row lengths: " + ws[0] + ", " + ws[i]);
      }
      firstGroup[i + 1] = firstGroup[i] + (ws[i].rows() + ROWS - 1) / ROWS;
    }
    boolean vector = kernels instanceof VectorKernels;
    pool.forRange(
        firstGroup[ws.length],
        (from, to) -> {
          for (int m = 0; m < ws.length; m++) {
            int lo = Math.max(from, firstGroup[m]) - firstGroup[m];
            int hi = Math.min(to, firstGroup[m + 1]) - firstGroup[m];
            if (vector && VectorStepDots.handles(ws[m])) {
              VectorStepDots.rows(
                  ws[m], lo * ROWS, Math.min(ws[m].rows(), hi * ROWS), x, tokens, outs[m]);
              continue;
            }
            for (int g = lo; g < hi; g++) {
              if (vector && VectorStepTiles.hasFused(ws[m])) {
                vectorGroup(ws[m], g * ROWS, x, tokens, outs[m]);
              } else {
                scalarGroup(kernels, ws[m], g * ROWS, x, tokens, outs[m]);
              }
            }
          }
        });
  }

  private static void scalarGroup(
      Kernels kernels, FloatTensor w, int r0, float[] x, int tokens, float[] out) {
    int rows = w.rows();
    int cols = w.cols();
    int end = Math.min(rows, r0 + ROWS);
    for (int r = r0; r < end; r++) {
      for (int t = 0; t < tokens; t++) {
        out[t * rows + r] = w.dot(kernels, r, x, t * cols);
      }
    }
  }

  private static void vectorGroup(FloatTensor w, int r0, float[] x, int tokens, float[] out) {
    int rows = w.rows();
    int n = w.cols();
    int count = Math.min(ROWS, rows - r0);
    if (tokens == 1) {
      for (int r = r0; r < r0 + count; r++) {
        out[r] = VectorStepTiles.fusedRow(w, r, x, 0);
      }
      return;
    }
    float[] scratch = SCRATCH.get();
    if (scratch.length < ROWS * n) {
      scratch = new float[ROWS * n];
      SCRATCH.set(scratch);
    }
    for (int i = 0; i < count; i++) {
      VectorTiles.decodeRow(w, r0 + i, scratch, i * n);
    }
    if (count < ROWS) {
      for (int i = 0; i < count; i++) {
        for (int t = 0; t < tokens; t++) {
          out[t * rows + r0 + i] = VectorStepTiles.tile1x1(scratch, i * n, n, x, t * n);
        }
      }
      return;
    }
    int t = 0;
    for (; t + 2 <= tokens; t += 2) {
      VectorStepTiles.tile4x2(scratch, n, x, t * n, n, out, t * rows + r0, rows);
    }
    for (; t < tokens; t++) {
      VectorStepTiles.tile4x1(scratch, n, x, t * n, out, t * rows + r0);
    }
  }
}
