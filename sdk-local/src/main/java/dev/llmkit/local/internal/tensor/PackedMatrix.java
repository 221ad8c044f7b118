package dev.llmkit.local.internal.tensor;

import org.jspecify.annotations.Nullable;

/**
 * A float weight matrix (with an optional bias) repacked for {@link Kernels#matMulPacked}: rows in
 * panels of {@value #PANEL}, each panel stored column by column, so that one column of a panel
 * ({@value #PANEL} consecutive floats) is a few vector loads that meet one broadcast activation.
 * The kernel then keeps a tile of outputs (several tokens × a panel's rows) in vector registers
 * over the whole row length, with no horizontal sum per product.
 *
 * <p>Element (r, k) is at {@code data[(r / PANEL) * PANEL * cols + k * PANEL + r % PANEL]}. The
 * last panel is padded with zero rows and zero bias, which the kernels compute but never store.
 */
public final class PackedMatrix {
  /** Rows per panel: two 512-bit vectors of floats, four 256-bit ones. */
  public static final int PANEL = 32;

  final int rows;
  final int cols;
  final float[] data;
  final float[] bias;

  private PackedMatrix(int rows, int cols, float[] data, float[] bias) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.bias = bias;
  }

  /**
   * Packs the row-major {@code rows × cols} matrix {@code w} (from index 0) and {@code bias}
   * ({@code rows} floats, or null for none).
   */
  public static PackedMatrix of(float[] w, int rows, int cols, float @Nullable [] bias) {
    if (rows <= 0 || cols <= 0 || w.length < (long) rows * cols) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + " x "
              + cols
              + " matrix needs "
              + (long) rows * cols
              + " floats, got "
              + w.length);
    }
    if (bias != null && bias.length < rows) {
      throw new IllegalArgumentException("bias needs " + rows + " floats, got " + bias.length);
    }
    int panels = (rows + PANEL - 1) / PANEL;
    float[] data = new float[Math.multiplyExact(panels * PANEL, cols)];
    float[] b = new float[panels * PANEL];
    for (int r = 0; r < rows; r++) {
      int base = (r / PANEL) * PANEL * cols + r % PANEL;
      for (int k = 0; k < cols; k++) {
        data[base + k * PANEL] = w[r * cols + k];
      }
      if (bias != null) {
        b[r] = bias[r];
      }
    }
    return new PackedMatrix(rows, cols, data, b);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of panels, the unit {@link #multiply} splits over threads. */
  public int panels() {
    return data.length / (PANEL * cols);
  }

  /**
   * {@code out[t * rows + r] = W[r] · x[t * cols ..] + bias[r]} for the {@code tokens} rows of
   * {@code x}, panels split over the pool's threads.
   */
  public void multiply(ComputePool pool, Kernels kernels, float[] x, int tokens, float[] out) {
    if (x.length < (long) tokens * cols || out.length < (long) tokens * rows) {
      throw new IllegalArgumentException(
          tokens
              + " tokens need "
              + (long) tokens * cols
              + " inputs and "
              + (long) tokens * rows
              + " outputs, got "
              + x.length
              + " and "
              + out.length);
    }
    pool.forRange(panels(), (from, to) -> kernels.matMulPacked(this, from, to, x, tokens, out));
  }
}
