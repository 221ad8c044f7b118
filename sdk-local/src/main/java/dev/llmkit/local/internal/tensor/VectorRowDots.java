package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix × vector kernel of {@link VectorKernels#dotRows} for Q8_0 weights read from the mapped
 * file: {@link #GROUP} rows at a time are copied with one bulk read into a per-thread {@code
 * byte[]} and multiplied there (the other kernels copy one row at a time, see {@link WeightBytes}).
 * Measured with {@code MatVecBench} (BENCHMARKS.md, "Generation kernels"), when the single-row
 * kernel still loaded from the mapped buffer: about 1.2× faster on matrices that stay in the caches
 * (SmolLM2's 1536 × 576), the same speed on ones streamed from memory.
 *
 * <p>Each row's product is computed with exactly the vector operations, in the order, of {@link
 * VectorKernels#dotQ8_0} (two accumulators, even blocks into the first; one block is L-lane
 * products summed by FMAs, then scaled by an FMA), so every value equals the single-row dot product
 * bit for bit and batched generation ({@code VectorStepTiles}) agrees with single-token generation.
 * A change to the single-row kernel must be made here too ({@code VectorRowDotsTest} compares them
 * bit for bit). Interleaving the four rows' accumulator chains in one method was measured too and
 * was several times slower (probably because C2 then stops inlining the block helpers).
 */
final class VectorRowDots {
  /** Rows per pass over the activations. */
  static final int GROUP = 4;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));

  private VectorRowDots() {}

  /** Whether {@link #rows} runs for {@code w}: Q8_0 read from the mapped file. */
  static boolean handles(FloatTensor w) {
    return w instanceof Q8_0Tensor && !((Q8_0Tensor) w).onHeap();
  }

  /**
   * {@code out[outOff + r] = W[r] · x[xOff ..]} for r in [from, to); only when {@link #handles}.
   */
  static void rows(FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    int rowBytes = w.rowBytes;
    int n = w.cols;
    int r = from;
    for (; r + GROUP <= to; r += GROUP) {
      byte[] s = WeightBytes.row(w.data, w.rowOffset(r), GROUP * rowBytes);
      for (int k = 0; k < GROUP; k++) {
        out[outOff + r + k] = q8_0(s, k * rowBytes, x, xOff, n);
      }
    }
    for (; r < to; r++) {
      out[outOff + r] = q8_0(WeightBytes.row(w.data, w.rowOffset(r), rowBytes), 0, x, xOff, n);
    }
  }

  private static float scale(byte[] s, int at) {
    return Float16.toFloat(WeightBytes.getShort(s, at));
  }

  private static FloatVector broadcastScale(byte[] s, int at) {
    return FloatVector.broadcast(F, scale(s, at));
  }

  // ---- Q8_0: 34-byte blocks, f16 scale then 32 signed bytes ----

  /** One row from {@code s[off]}: as {@code VectorKernels.dotQ8_0}. */
  static float q8_0(byte[] s, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
      int at = off + b * Q8_0Tensor.BLOCK_BYTES;
      int xb = xOff + b * 32;
      acc0 = q8Block(s, at, x, xb).fma(broadcastScale(s, at), acc0);
      int next = at + Q8_0Tensor.BLOCK_BYTES;
      acc1 = q8Block(s, next, x, xb + 32).fma(broadcastScale(s, next), acc1);
    }
    if (b < blocks) {
      int at = off + b * Q8_0Tensor.BLOCK_BYTES;
      acc0 = q8Block(s, at, x, xOff + b * 32).fma(broadcastScale(s, at), acc0);
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /** Σ q·x over the Q8_0 block at {@code s[at]}, unscaled, as L partial sums. */
  private static FloatVector q8Block(byte[] s, int at, float[] x, int xb) {
    FloatVector t = bytes(s, at + 2).mul(FloatVector.fromArray(F, x, xb));
    for (int j = L; j < 32; j += L) {
      t = bytes(s, at + 2 + j).fma(FloatVector.fromArray(F, x, xb + j), t);
    }
    return t;
  }

  private static FloatVector bytes(byte[] s, int at) {
    return (FloatVector) ByteVector.fromArray(B, s, at).convertShape(VectorOperators.B2F, F, 0);
  }
}
