package dev.llmkit.local.internal.tensor;

/**
 * Dot products of one weight row with four activation rows at once, for batched generation:
 * the row's blocks are loaded and decoded once and meet all four activations, while each of the
 * four results is computed with exactly the operations, in the order, of the single-row
 * {@link FloatTensor#dot} (so it is bit for bit the same number). Covered: Q8_0 and Q4_0 read from
 * the mapped file with the vector kernels; {@link #supports} says when, and callers use {@link
 * FloatTensor#dot} per activation row otherwise.
 *
 * <p>The kernels mirror {@code VectorKernels.dotQ8_0} and {@code dotQ4_0}; a change to those must
 * be made here too ({@code DecodeBatchTest} compares the two bit for bit).
 */
public final class MultiDots {
  private MultiDots() {}

  /** Whether {@link #dot4} runs for {@code w} with {@code kernels}. */
  public static boolean supports(Kernels kernels, FloatTensor w) {
    if (!(kernels instanceof VectorKernels)) {
      return false;
    }
    return w instanceof Q8_0Tensor && !((Q8_0Tensor) w).onHeap()
        || w instanceof Q4_0Tensor && !((Q4_0Tensor) w).onHeap();
  }

  /**
   * {@code out[k] = W[row] · x[xk ..]} for the four offsets; only when {@link #supports} (else
   * IllegalArgumentException).
   */
  public static void dot4(Kernels kernels, FloatTensor w, int row, float[] x, int x0, int x1,
      int x2, int x3, float[] out) {
    if (!supports(kernels, w)) {
      throw new IllegalArgumentException("no four-row kernel for " + w.type() + " with "
          + kernels.name());
    }
    if (w instanceof Q8_0Tensor) {
      VectorMultiDots.q8_0(w.data, w.rowOffset(row), x, x0, x1, x2, x3, w.cols, out);
    } else {
      VectorMultiDots.q4_0(w.data, w.rowOffset(row), x, x0, x1, x2, x3, w.cols, out);
    }
  }
}
