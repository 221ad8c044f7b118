package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked {@link VectorKernels#matMulPacked}: each step takes one column of a {@link
 * PackedMatrix} panel (two vectors of rows) and one activation per token of a tile of {@value
 * #TOKENS}, broadcast, into 2 × {@value #TOKENS} accumulators that stay in registers for a block of
 * {@value #K_BLOCK} columns (so the panel's block stays in L1 while every token tile passes). A
 * panel wider than two vectors (256-bit species) is done as two halves; rows of a last panel that
 * end inside two vectors are summed one by one. No masked loads or stores: in JDK 17 their Java
 * fallback in a method this large can keep C2 from intrinsifying the whole tile.
 */
final class PackedVectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  /** Tokens per register tile: 12 accumulators + 2 weights + 1 broadcast fit 16 registers. */
  static final int TOKENS = 6;

  /** Columns per block: a 32-row panel block is then 32 KiB. */
  static final int K_BLOCK = 256;

  private PackedVectorKernels() {}

  static void matMul(
      PackedMatrix m, int panelFrom, int panelTo, float[] x, int tokens, float[] out) {
    int cols = m.cols;
    int rows = m.rows;
    for (int panel = panelFrom; panel < panelTo; panel++) {
      for (int s = 0; s < PackedMatrix.PANEL; s += 2 * L) {
        int r0 = panel * PackedMatrix.PANEL + s;
        if (r0 >= rows) {
          break;
        }
        int w = panel * PackedMatrix.PANEL * cols + s;
        if (r0 + 2 * L > rows) {
          partial(m, w, r0, x, tokens, out);
          break;
        }
        for (int k0 = 0; k0 < cols; k0 += K_BLOCK) {
          int k1 = Math.min(cols, k0 + K_BLOCK);
          int t = 0;
          for (; t + TOKENS <= tokens; t += TOKENS) {
            tile6(m, w, r0, k0, k1, x, t, out);
          }
          for (; t < tokens; t++) {
            tile1(m, w, r0, k0, k1, x, t, out);
          }
        }
      }
    }
  }

  /** The output rows {@code r0 .. r0 + 2L} of tokens {@code t .. t + 6}, columns k0 .. k1 added. */
  private static void tile6(
      PackedMatrix m, int w, int r0, int k0, int k1, float[] x, int t, float[] out) {
    float[] p = m.data;
    int cols = m.cols;
    int rows = m.rows;
    int o = t * rows + r0;
    FloatVector c00 = start(m, k0, r0, out, o);
    FloatVector c01 = start(m, k0, r0 + L, out, o + L);
    FloatVector c10 = start(m, k0, r0, out, o + rows);
    FloatVector c11 = start(m, k0, r0 + L, out, o + rows + L);
    FloatVector c20 = start(m, k0, r0, out, o + 2 * rows);
    FloatVector c21 = start(m, k0, r0 + L, out, o + 2 * rows + L);
    FloatVector c30 = start(m, k0, r0, out, o + 3 * rows);
    FloatVector c31 = start(m, k0, r0 + L, out, o + 3 * rows + L);
    FloatVector c40 = start(m, k0, r0, out, o + 4 * rows);
    FloatVector c41 = start(m, k0, r0 + L, out, o + 4 * rows + L);
    FloatVector c50 = start(m, k0, r0, out, o + 5 * rows);
    FloatVector c51 = start(m, k0, r0 + L, out, o + 5 * rows + L);
    int x0 = t * cols;
    for (int k = k0; k < k1; k++) {
      int wi = w + k * PackedMatrix.PANEL;
      FloatVector w0 = FloatVector.fromArray(F, p, wi);
      FloatVector w1 = FloatVector.fromArray(F, p, wi + L);
      FloatVector v = FloatVector.broadcast(F, x[x0 + k]);
      c00 = w0.fma(v, c00);
      c01 = w1.fma(v, c01);
      v = FloatVector.broadcast(F, x[x0 + cols + k]);
      c10 = w0.fma(v, c10);
      c11 = w1.fma(v, c11);
      v = FloatVector.broadcast(F, x[x0 + 2 * cols + k]);
      c20 = w0.fma(v, c20);
      c21 = w1.fma(v, c21);
      v = FloatVector.broadcast(F, x[x0 + 3 * cols + k]);
      c30 = w0.fma(v, c30);
      c31 = w1.fma(v, c31);
      v = FloatVector.broadcast(F, x[x0 + 4 * cols + k]);
      c40 = w0.fma(v, c40);
      c41 = w1.fma(v, c41);
      v = FloatVector.broadcast(F, x[x0 + 5 * cols + k]);
      c50 = w0.fma(v, c50);
      c51 = w1.fma(v, c51);
    }
    store(c00, out, o);
    store(c01, out, o + L);
    store(c10, out, o + rows);
    store(c11, out, o + rows + L);
    store(c20, out, o + 2 * rows);
    store(c21, out, o + 2 * rows + L);
    store(c30, out, o + 3 * rows);
    store(c31, out, o + 3 * rows + L);
    store(c40, out, o + 4 * rows);
    store(c41, out, o + 4 * rows + L);
    store(c50, out, o + 5 * rows);
    store(c51, out, o + 5 * rows + L);
  }

  /** As {@link #tile6} for one token. */
  private static void tile1(
      PackedMatrix m, int w, int r0, int k0, int k1, float[] x, int t, float[] out) {
    float[] p = m.data;
    int rows = m.rows;
    int o = t * rows + r0;
    FloatVector c0 = start(m, k0, r0, out, o);
    FloatVector c1 = start(m, k0, r0 + L, out, o + L);
    int x0 = t * m.cols;
    for (int k = k0; k < k1; k++) {
      int wi = w + k * PackedMatrix.PANEL;
      FloatVector v = FloatVector.broadcast(F, x[x0 + k]);
      c0 = FloatVector.fromArray(F, p, wi).fma(v, c0);
      c1 = FloatVector.fromArray(F, p, wi + L).fma(v, c1);
    }
    store(c0, out, o);
    store(c1, out, o + L);
  }

  /** The bias for the first column block, else the partial sums stored by the previous block. */
  private static FloatVector start(PackedMatrix m, int k0, int r, float[] out, int o) {
    return FloatVector.fromArray(F, k0 == 0 ? m.bias : out, k0 == 0 ? r : o);
  }

  private static void store(FloatVector v, float[] out, int o) {
    v.intoArray(out, o);
  }

  /**
   * The rows {@code r0 .. m.rows} of a last panel that ends inside these two vectors, one scalar
   * sum per output (rare: only row counts that are not a multiple of 2L).
   */
  private static void partial(PackedMatrix m, int w, int r0, float[] x, int tokens, float[] out) {
    int cols = m.cols;
    for (int r = r0; r < m.rows; r++) {
      int wr = w + r - r0;
      for (int t = 0; t < tokens; t++) {
        float sum = m.bias[r];
        for (int k = 0; k < cols; k++) {
          sum += m.data[wr + k * PackedMatrix.PANEL] * x[t * cols + k];
        }
        out[t * m.rows + r] = sum;
      }
    }
  }
}
