package dev.llmkit.local.internal.tensor;

/**
 * Weight matrices times a small batch of tokens (one generation step of up to a few dozen
 * sequences). With the vector kernels, Q8_0, Q4_0, Q5_0 and F16 weights read from the mapped file
 * go through {@link VectorStepDots} and Q6_K weights through {@link VectorQ6_KRows#rowsBatched}:
 * each weight row is read and decoded once per four tokens, and each token's product runs the
 * operations of the type's matrix × vector kernel, so the batch shares the cost of reading and
 * decoding the weights (see BENCHMARKS.md). Q4_K weights, and the other types that {@link
 * VectorRowDots} multiplies from the mapped file (Q5_K, BF16, …), run their matrix × vector kernel
 * once per token ({@link VectorQ4_KRows}: its per-product preparation of x does not share across
 * tokens). A lone token runs {@link Kernels#dotRows}, the matrix × vector product of {@link
 * MatMul#matVec} itself. Weights on the heap, and the scalar kernels, take {@link FloatTensor#dot}
 * per product.
 *
 * <p><b>Numerics.</b> A product's value depends only on the weight row and the token's activations,
 * never on the batch size or on which tokens share its pass: every kernel behind this class runs
 * the matrix × vector kernel's operation order per product whatever the batch (see {@link
 * VectorStepDots}), and a {@link FloatTensor#dot} product does not depend on the batch either.
 */
public final class TiledProducts {
  /** Weight rows per unit of work handed to the compute pool. */
  private static final int ROWS = 4;

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
            if (tokens == 1) {
              if (lo < hi) {
                kernels.dotRows(
                    ws[m], lo * ROWS, Math.min(ws[m].rows(), hi * ROWS), x, 0, outs[m], 0);
              }
              continue;
            }
            if (vector && VectorStepDots.handles(ws[m])) {
              VectorStepDots.rows(
                  ws[m], lo * ROWS, Math.min(ws[m].rows(), hi * ROWS), x, tokens, outs[m]);
              continue;
            }
            if (vector && VectorQ6_KRows.handles(ws[m])) {
              VectorQ6_KRows.rowsBatched(
                  ws[m], lo * ROWS, Math.min(ws[m].rows(), hi * ROWS), x, tokens, outs[m]);
              continue;
            }
            if (vector && (VectorQ4_KRows.handles(ws[m]) || VectorRowDots.handles(ws[m]))) {
              // per token, the lone step's kernel: see VectorQ4_KRows; the other mapped types'
              // row kernels also prepare x once per product (Q5_K's sub-block sums)
              int rows = ws[m].rows();
              for (int t = 0; t < tokens; t++) {
                kernels.dotRows(
                    ws[m], lo * ROWS, Math.min(rows, hi * ROWS), x, t * cols, outs[m], t * rows);
              }
              continue;
            }
            for (int g = lo; g < hi; g++) {
              scalarGroup(kernels, ws[m], g * ROWS, x, tokens, outs[m]);
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
}
