package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight matrices times a prompt batch: the register-blocked matrix × matrix product of {@link
 * MatMul#matMatMany} with the vector kernels, from {@link #MIN_BATCH} tokens on.
 *
 * <p><b>Layout.</b> The batch is transposed once per call into token blocks ({@code [k][tokens]},
 * {@code 2·L} or {@code L} tokens wide, L = float lanes), so that one vector holds one activation
 * of L tokens. Weight rows are decoded six at a time into a float scratch ({@link
 * VectorTiles#decodeRow}, once per call), and a 6 rows × {@code 2·L} tokens register tile
 * multiplies each broadcast weight with two activation vectors: 12 independent accumulator chains,
 * 2 vector loads and 6 broadcasts per 12 fused multiply-adds, no horizontal sums. That keeps both
 * FMA units busy (measured 3× the 4 × 4 dot-product tile on 2048 × 2048 × 32, AVX-512).
 *
 * <p><b>Numerics.</b> Every product is one fused multiply-add chain in ascending k over the decoded
 * weights, in float: its value depends only on the weight row and the token's activations, never on
 * the batch size or on which rows and tokens share a tile, and equals the plain scalar loop {@code
 * acc = Math.fma(w[k], x[k], acc)}.
 *
 * <p><b>Compilation.</b> C2 compiles a Vector API loop badly when its first compilation is an
 * on-stack replacement of a long-running call: the accumulators enter from the interpreter's frame
 * as untyped vectors, a fused multiply-add falls back to Java and boxes on every iteration
 * (measured 1.7 against 300 GFLOP/s, for the rest of the process). {@link VectorWarmUp} calls the
 * kernels often enough on tiny inputs that they are compiled as whole methods first.
 */
final class VectorGemm {
  /** Smallest batch that takes this path; smaller ones use the dot-product tiles. */
  static final int MIN_BATCH = 8;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  /** Activation columns per task of the transposition. */
  private static final int TRANSPOSE_COLS = 64;

  /** Weight rows per tile. */
  static final int ROWS = 6;

  /**
   * Elements summed in one FMA chain before the chain is added to the total (64 costs nothing
   * measurable against one chain; 32 costs 15 %): a single chain over a whole 5632-element row
   * loses about three decimal bits more than the other kernels (llama.cpp's included, which sum per
   * quantization block), enough to move activations across bfloat16 rounding boundaries.
   */
  static final int BLOCK = 64;

  /**
   * Per-thread scratch arrays, reused from call to call (a prompt slice makes four calls per layer;
   * fresh arrays were 100–300 MB of garbage per request): the transposed batch on the calling
   * thread, decoded weight rows and the register tile's results on each pool thread.
   */
  private static final ThreadLocal<float[]> TRANSPOSED =
      ThreadLocal.withInitial(() -> new float[0]);

  private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[0]);

  private VectorGemm() {}

  /**
   * For each i, {@code outs[i][t * ws[i].rows() + r] = ws[i][r] · x[t * cols ..]} for every row r
   * and token {@code t < tokens}, all matrices in one parallel pass.
   */
  static void products(ComputePool pool, FloatTensor[] ws, float[] x, int tokens, float[][] outs) {
    int[] firstGroup = new int[ws.length + 1];
    for (int i = 0; i < ws.length; i++) {
      firstGroup[i + 1] = firstGroup[i] + (ws[i].rows() + ROWS - 1) / ROWS;
    }
    int cols = ws[0].cols();
    Blocks blocks = new Blocks(tokens);
    float[] xt = blocks.transposed(pool, x, cols);
    pool.forRange(
        firstGroup[ws.length],
        (from, to) -> {
          float[] scratch = ProductScratch.atLeast(WEIGHTS, ROWS * cols);
          float[] tile = ProductScratch.atLeast(TILE, ROWS * 2 * L);
          for (int m = 0; m < ws.length; m++) {
            int lo = Math.max(from, firstGroup[m]) - firstGroup[m];
            int hi = Math.min(to, firstGroup[m + 1]) - firstGroup[m];
            for (int g = lo; g < hi; g++) {
              group(ws[m], g * ROWS, blocks, xt, outs[m], scratch, tile);
            }
          }
        });
  }

  private static void group(
      FloatTensor w,
      int r0,
      Blocks blocks,
      float[] xt,
      float[] out,
      float[] scratch,
      float[] tile) {
    int rows = w.rows();
    int n = w.cols();
    int count = Math.min(ROWS, rows - r0);
    VectorTiles.decodeRows(w, r0, count, scratch, 0);
    if (count < ROWS) {
      java.util.Arrays.fill(scratch, count * n, ROWS * n, 0f);
    }
    for (int b = 0; b < blocks.count; b++) {
      int width = blocks.width(b);
      if (width == 2 * L) {
        tile6x2(scratch, n, xt, blocks.offset(b, n), tile);
      } else {
        tile6x1(scratch, n, xt, blocks.offset(b, n), tile);
      }
      int t0 = b * 2 * L;
      int valid = Math.min(width, blocks.tokens - t0);
      for (int t = 0; t < valid; t++) {
        int base = (t0 + t) * rows + r0;
        for (int i = 0; i < count; i++) {
          out[base + i] = tile[i * width + t];
        }
      }
    }
  }

  /** The batch cut into token blocks of 2·L, the last one L wide if L tokens or fewer remain. */
  static final class Blocks {
    final int tokens;
    final int count;
    private final int lastWidth;

    Blocks(int tokens) {
      this.tokens = tokens;
      this.count = (tokens + 2 * L - 1) / (2 * L);
      int rest = tokens - (count - 1) * 2 * L;
      this.lastWidth = rest <= L ? L : 2 * L;
    }

    int width(int b) {
      return b == count - 1 ? lastWidth : 2 * L;
    }

    int offset(int b, int cols) {
      return b * 2 * L * cols;
    }

    /**
     * {@code x} ({@code [token][k]}) as {@code [block][k][token in block]}, zero-padded; k split
     * over the pool's threads, each writing its rows of the result in order.
     */
    float[] transposed(ComputePool pool, float[] x, int cols) {
      // lanes of padding tokens keep whatever an earlier call left: their sums are never read
      float[] xt = ProductScratch.atLeast(TRANSPOSED, ((count - 1) * 2 * L + lastWidth) * cols);
      pool.forRange(
          (cols + TRANSPOSE_COLS - 1) / TRANSPOSE_COLS,
          (from, to) -> {
            int k1 = Math.min(cols, to * TRANSPOSE_COLS);
            for (int b = 0; b < count; b++) {
              int width = width(b);
              int off = offset(b, cols);
              int t0 = b * 2 * L;
              int valid = Math.min(width, tokens - t0);
              for (int k = from * TRANSPOSE_COLS; k < k1; k++) {
                int dst = off + k * width;
                int src = t0 * cols + k;
                for (int t = 0; t < valid; t++) {
                  xt[dst + t] = x[src + t * cols];
                }
              }
            }
          });
      return xt;
    }
  }

  /**
   * {@code tile[i * 2L + t] = Σ_k w[i * n + k] · xt[xOff + k * 2L + t]} for 6 rows i and 2·L tokens
   * t, each sum one FMA chain in ascending k.
   */
  static void tile6x2(float[] w, int n, float[] xt, int xOff, float[] tile) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    FloatVector a4 = FloatVector.zero(F);
    FloatVector b4 = FloatVector.zero(F);
    FloatVector a5 = FloatVector.zero(F);
    FloatVector b5 = FloatVector.zero(F);
    int stride = 2 * L;
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      FloatVector p0 = FloatVector.zero(F);
      FloatVector q0 = FloatVector.zero(F);
      FloatVector p1 = FloatVector.zero(F);
      FloatVector q1 = FloatVector.zero(F);
      FloatVector p2 = FloatVector.zero(F);
      FloatVector q2 = FloatVector.zero(F);
      FloatVector p3 = FloatVector.zero(F);
      FloatVector q3 = FloatVector.zero(F);
      FloatVector p4 = FloatVector.zero(F);
      FloatVector q4 = FloatVector.zero(F);
      FloatVector p5 = FloatVector.zero(F);
      FloatVector q5 = FloatVector.zero(F);
      int end = Math.min(n, k0 + BLOCK);
      for (int k = k0; k < end; k++) {
        int o = xOff + k * stride;
        FloatVector x0 = FloatVector.fromArray(F, xt, o);
        FloatVector x1 = FloatVector.fromArray(F, xt, o + L);
        FloatVector v0 = FloatVector.broadcast(F, w[k]);
        p0 = x0.fma(v0, p0);
        q0 = x1.fma(v0, q0);
        FloatVector v1 = FloatVector.broadcast(F, w[n + k]);
        p1 = x0.fma(v1, p1);
        q1 = x1.fma(v1, q1);
        FloatVector v2 = FloatVector.broadcast(F, w[2 * n + k]);
        p2 = x0.fma(v2, p2);
        q2 = x1.fma(v2, q2);
        FloatVector v3 = FloatVector.broadcast(F, w[3 * n + k]);
        p3 = x0.fma(v3, p3);
        q3 = x1.fma(v3, q3);
        FloatVector v4 = FloatVector.broadcast(F, w[4 * n + k]);
        p4 = x0.fma(v4, p4);
        q4 = x1.fma(v4, q4);
        FloatVector v5 = FloatVector.broadcast(F, w[5 * n + k]);
        p5 = x0.fma(v5, p5);
        q5 = x1.fma(v5, q5);
      }
      a0 = a0.add(p0);
      b0 = b0.add(q0);
      a1 = a1.add(p1);
      b1 = b1.add(q1);
      a2 = a2.add(p2);
      b2 = b2.add(q2);
      a3 = a3.add(p3);
      b3 = b3.add(q3);
      a4 = a4.add(p4);
      b4 = b4.add(q4);
      a5 = a5.add(p5);
      b5 = b5.add(q5);
    }
    a0.intoArray(tile, 0);
    b0.intoArray(tile, 0 + L);
    a1.intoArray(tile, stride);
    b1.intoArray(tile, stride + L);
    a2.intoArray(tile, 2 * stride);
    b2.intoArray(tile, 2 * stride + L);
    a3.intoArray(tile, 3 * stride);
    b3.intoArray(tile, 3 * stride + L);
    a4.intoArray(tile, 4 * stride);
    b4.intoArray(tile, 4 * stride + L);
    a5.intoArray(tile, 5 * stride);
    b5.intoArray(tile, 5 * stride + L);
  }

  /** {@link #tile6x2} for a block of L tokens: {@code tile[i * L + t]}. */
  static void tile6x1(float[] w, int n, float[] xt, int xOff, float[] tile) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector a4 = FloatVector.zero(F);
    FloatVector a5 = FloatVector.zero(F);
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      FloatVector p0 = FloatVector.zero(F);
      FloatVector p1 = FloatVector.zero(F);
      FloatVector p2 = FloatVector.zero(F);
      FloatVector p3 = FloatVector.zero(F);
      FloatVector p4 = FloatVector.zero(F);
      FloatVector p5 = FloatVector.zero(F);
      int end = Math.min(n, k0 + BLOCK);
      for (int k = k0; k < end; k++) {
        FloatVector x0 = FloatVector.fromArray(F, xt, xOff + k * L);
        p0 = x0.fma(FloatVector.broadcast(F, w[k]), p0);
        p1 = x0.fma(FloatVector.broadcast(F, w[n + k]), p1);
        p2 = x0.fma(FloatVector.broadcast(F, w[2 * n + k]), p2);
        p3 = x0.fma(FloatVector.broadcast(F, w[3 * n + k]), p3);
        p4 = x0.fma(FloatVector.broadcast(F, w[4 * n + k]), p4);
        p5 = x0.fma(FloatVector.broadcast(F, w[5 * n + k]), p5);
      }
      a0 = a0.add(p0);
      a1 = a1.add(p1);
      a2 = a2.add(p2);
      a3 = a3.add(p3);
      a4 = a4.add(p4);
      a5 = a5.add(p5);
    }
    a0.intoArray(tile, 0);
    a1.intoArray(tile, L);
    a2.intoArray(tile, 2 * L);
    a3.intoArray(tile, 3 * L);
    a4.intoArray(tile, 4 * L);
    a5.intoArray(tile, 5 * L);
  }
}
