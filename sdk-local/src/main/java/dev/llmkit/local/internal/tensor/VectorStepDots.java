package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Step kernels of {@link TiledProducts} for Q8_0, Q4_0, Q5_0 and F16 weights: one weight row times
 * four tokens, each block of the row read and decoded once for all four, and each token's product
 * computed with exactly the operations of that type's matrix × vector kernel in {@link
 * VectorKernels} (the same accumulators, in the same order), which scales once per block or
 * sub-block (Q8_0 and Q4_0 in {@link VectorStepTiles}). So a token's result is the same bit for bit
 * as for the token alone, which takes that matrix × vector kernel itself.
 *
 * <p>Each token has its own accumulators; only the weight decoding (loads, nibble and bit
 * extraction, int-to-float conversion and, where the kernel applies it before the multiply, the
 * scale) is shared. Two or three tokens run the four-token kernel with the last token repeated (its
 * repeated result is written to the same place twice), which costs no more than two single-token
 * passes. Every kernel is small enough for C2 to inline all its vector operations (a kernel past
 * the inlining budget calls them out of line on boxed vectors, many times slower), and {@link
 * #warmUp} has them compiled as whole methods before real rows reach them. (Q4_K weights take their
 * matrix × vector kernel once per token, {@link VectorQ4_KRows}; Q6_K has its own step kernel in
 * {@link VectorQ6_KRows}.)
 */
final class VectorStepDots {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Byte> SB = VectorSpecies.of(byte.class, S.vectorShape());
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorStepDots() {}

  /** Calls of each kernel in {@link #warmUp}: enough for C2 to compile it as a whole method. */
  static final int WARM_UP_CALLS = 3_000;

  /**
   * Runs every four-token kernel on one-row tensors of two blocks (so that each loop's back edge is
   * in the profile) until C2 has queued it for compilation as a whole method. Without this, the
   * first compilation of a kernel is an on-stack replacement inside a long row during the first
   * batched steps, which C2 compiles into the Vector API's boxing fallback (measured: four
   * TinyLlama Q4_K_M requests at a small fraction of one request's speed for minutes). Once per
   * process, from {@link VectorKernels#warmUp}, with {@code calls} = {@link #WARM_UP_CALLS} (1 to
   * see that the kernels link).
   */
  static void warmUp(int calls) {
    if (L != 8 && L != 16) {
      return;
    }
    FloatTensor[] ws = {
      new Q8_0Tensor(ByteBuffer.allocate(2 * Q8_0Tensor.BLOCK_BYTES), 1, 64),
      new Q4_0Tensor(ByteBuffer.allocate(2 * Q4_0Tensor.BLOCK_BYTES), 1, 64),
      new BlockTensor(
          LegacyFormat.Q5_0, ByteBuffer.allocate(2 * LegacyFormat.Q5_0.blockBytes), 1, 64),
      new F16Tensor(ByteBuffer.allocate(2 * 64), 1, 64)
    };
    float[] x = new float[4 * 64];
    float[] out = new float[4];
    for (int i = 0; i < calls; i++) {
      for (FloatTensor w : ws) { // all types in turn, so that {@link #four} is compiled for all
        int n = w.cols;
        four(w, WeightBytes.row(w.data, 0, w.rowBytes), n, x, 0, n, 2 * n, 3 * n, out, 0, 1, 2, 3);
      }
    }
  }

  /** Whether {@link #rows} has a kernel for {@code w}. */
  static boolean handles(FloatTensor w) {
    if (L != 8 && L != 16) {
      return false;
    }
    if (w.onHeap()) {
      return false;
    }
    return w instanceof Q8_0Tensor
        || w instanceof Q4_0Tensor
        || w instanceof F16Tensor
        || (w instanceof BlockTensor && ((BlockTensor) w).format() == LegacyFormat.Q5_0);
  }

  /**
   * {@code out[t * w.rows() + r] = w[r] · x[t * w.cols() ..]} for rows {@code from .. to − 1} and
   * tokens {@code 0 .. tokens − 1}; only when {@link #handles}.
   */
  static void rows(FloatTensor w, int from, int to, float[] x, int tokens, float[] out) {
    int rows = w.rows;
    int n = w.cols;
    for (int r = from; r < to; r++) {
      byte[] a = WeightBytes.row(w.data, w.rowOffset(r), w.rowBytes);
      int t = 0;
      for (; t + 4 <= tokens; t += 4) {
        four(w, a, n, x, t * n, (t + 1) * n, (t + 2) * n, (t + 3) * n, out, t * rows + r, rows);
      }
      int left = tokens - t;
      if (left == 1) {
        out[t * rows + r] = w.dot(VectorKernels.INSTANCE, r, x, t * n);
      } else if (left > 1) {
        int x3 = (t + left - 1) * n; // the last token again for a missing fourth (and third)
        int o3 = (t + left - 1) * rows + r;
        four(
            w,
            a,
            n,
            x,
            t * n,
            (t + 1) * n,
            left == 3 ? (t + 2) * n : x3,
            x3,
            out,
            t * rows + r,
            (t + 1) * rows + r,
            left == 3 ? (t + 2) * rows + r : o3,
            o3);
      }
    }
  }

  private static void four(
      FloatTensor w,
      byte[] a,
      int n,
      float[] x,
      int x0,
      int x1,
      int x2,
      int x3,
      float[] out,
      int o0,
      int rows) {
    four(w, a, n, x, x0, x1, x2, x3, out, o0, o0 + rows, o0 + 2 * rows, o0 + 3 * rows);
  }

  private static void four(
      FloatTensor w,
      byte[] a,
      int n,
      float[] x,
      int x0,
      int x1,
      int x2,
      int x3,
      float[] out,
      int o0,
      int o1,
      int o2,
      int o3) {
    if (w instanceof Q8_0Tensor) {
      VectorStepTiles.q8_0Four(a, 0, n, x, x0, x1, x2, x3, out, o0, o1, o2, o3);
    } else if (w instanceof Q4_0Tensor) {
      VectorStepTiles.q4_0Four(a, 0, n, x, x0, x1, x2, x3, out, o0, o1, o2, o3);
    } else if (w instanceof F16Tensor) {
      f16(a, 0, n, x, x0, x1, x2, x3, out, o0, o1, o2, o3);
    } else {
      q5_0(a, 0, n, x, x0, x1, x2, x3, out, o0, o1, o2, o3);
    }
  }

  /**
   * {@code VectorBlockDots.dotQ5_0} for four tokens: per block, each L-lane group of weights
   * decoded once (q − 16 from the nibble and the inverted fifth bit, converted to floats), then
   * multiplied into each token's block sum, which the block's scale multiplies into the token's
   * accumulator.
   */
  private static void q5_0(
      byte[] w,
      int off,
      int n,
      float[] x,
      int x0,
      int x1,
      int x2,
      int x3,
      float[] out,
      int p0,
      int p1,
      int p2,
      int p3) {
    int blockBytes = LegacyFormat.Q5_0.blockBytes;
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      IntVector notHigh = IntVector.broadcast(I, ~WeightBytes.getInt(w, block + 2));
      FloatVector t0 = FloatVector.zero(F);
      FloatVector t1 = FloatVector.zero(F);
      FloatVector t2 = FloatVector.zero(F);
      FloatVector t3 = FloatVector.zero(F);
      int e = b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + 6 + j);
        FloatVector lo =
            toFloats(
                notHigh
                    .lanewise(
                        VectorOperators.LSHL, IntVector.fromArray(I, VectorBlockDots.FIFTH_LOW, j))
                    .lanewise(VectorOperators.ASHR, 31)
                    .bitwiseBlend(q, 0x0F));
        FloatVector hi =
            toFloats(
                notHigh
                    .lanewise(
                        VectorOperators.LSHL, IntVector.fromArray(I, VectorBlockDots.FIFTH_HIGH, j))
                    .lanewise(VectorOperators.ASHR, 31)
                    .bitwiseBlend(q.lanewise(VectorOperators.ASHR, 4), 0x0F));
        int el = e + j;
        int eh = el + 16;
        t0 = lo.fma(FloatVector.fromArray(F, x, x0 + el), t0);
        t1 = lo.fma(FloatVector.fromArray(F, x, x1 + el), t1);
        t2 = lo.fma(FloatVector.fromArray(F, x, x2 + el), t2);
        t3 = lo.fma(FloatVector.fromArray(F, x, x3 + el), t3);
        t0 = hi.fma(FloatVector.fromArray(F, x, x0 + eh), t0);
        t1 = hi.fma(FloatVector.fromArray(F, x, x1 + eh), t1);
        t2 = hi.fma(FloatVector.fromArray(F, x, x2 + eh), t2);
        t3 = hi.fma(FloatVector.fromArray(F, x, x3 + eh), t3);
      }
      FloatVector d = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block)));
      a0 = t0.fma(d, a0);
      a1 = t1.fma(d, a1);
      a2 = t2.fma(d, a2);
      a3 = t3.fma(d, a3);
    }
    out[p0] = VectorMath.sum(a0);
    out[p1] = VectorMath.sum(a1);
    out[p2] = VectorMath.sum(a2);
    out[p3] = VectorMath.sum(a3);
  }

  /**
   * {@link VectorKernels#dotF16} for four tokens: chunks of L halves widened once, even and odd
   * chunks into two accumulators per token, a last odd-numbered chunk into the even one, then the
   * elements past the last whole chunk one by one.
   */
  private static void f16(
      byte[] w,
      int off,
      int n,
      float[] x,
      int x0,
      int x1,
      int x2,
      int x3,
      float[] out,
      int p0,
      int p1,
      int p2,
      int p3) {
    FloatVector e0 = FloatVector.zero(F);
    FloatVector e1 = FloatVector.zero(F);
    FloatVector e2 = FloatVector.zero(F);
    FloatVector e3 = FloatVector.zero(F);
    FloatVector o0 = FloatVector.zero(F);
    FloatVector o1 = FloatVector.zero(F);
    FloatVector o2 = FloatVector.zero(F);
    FloatVector o3 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      FloatVector a = halves(w, off + 2 * i);
      FloatVector c = halves(w, off + 2 * (i + L));
      int k = i + L;
      e0 = a.fma(FloatVector.fromArray(F, x, x0 + i), e0);
      o0 = c.fma(FloatVector.fromArray(F, x, x0 + k), o0);
      e1 = a.fma(FloatVector.fromArray(F, x, x1 + i), e1);
      o1 = c.fma(FloatVector.fromArray(F, x, x1 + k), o1);
      e2 = a.fma(FloatVector.fromArray(F, x, x2 + i), e2);
      o2 = c.fma(FloatVector.fromArray(F, x, x2 + k), o2);
      e3 = a.fma(FloatVector.fromArray(F, x, x3 + i), e3);
      o3 = c.fma(FloatVector.fromArray(F, x, x3 + k), o3);
    }
    for (; i + L <= n; i += L) {
      FloatVector a = halves(w, off + 2 * i);
      e0 = a.fma(FloatVector.fromArray(F, x, x0 + i), e0);
      e1 = a.fma(FloatVector.fromArray(F, x, x1 + i), e1);
      e2 = a.fma(FloatVector.fromArray(F, x, x2 + i), e2);
      e3 = a.fma(FloatVector.fromArray(F, x, x3 + i), e3);
    }
    float s0 = VectorMath.sum(e0.add(o0));
    float s1 = VectorMath.sum(e1.add(o1));
    float s2 = VectorMath.sum(e2.add(o2));
    float s3 = VectorMath.sum(e3.add(o3));
    for (; i < n; i++) {
      float h = Float16.toFloat(WeightBytes.getShort(w, off + 2 * i));
      s0 += h * x[x0 + i];
      s1 += h * x[x1 + i];
      s2 += h * x[x2 + i];
      s3 += h * x[x3 + i];
    }
    out[p0] = s0;
    out[p1] = s1;
    out[p2] = s2;
    out[p3] = s3;
  }

  /** L half-precision values as floats, as {@code VectorKernels} widens them. */
  private static FloatVector halves(byte[] w, int off) {
    return VectorMath.halfToFloat(
        (IntVector)
            ByteVector.fromArray(SB, w, off)
                .reinterpretAsShorts()
                .convertShape(VectorOperators.S2I, I, 0));
  }

  /** L bytes widened to int lanes (sign-extended; callers mask the bits they use). */
  private static IntVector loadWidened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
