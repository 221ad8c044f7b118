package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The four-token step kernels of {@link VectorStepDots} for Q8_0 and Q4_0: one weight row times
 * four tokens, each block read and decoded once for all four.
 *
 * <p><b>One operation order.</b> Each token's product runs exactly the operations of the matrix ×
 * vector kernel ({@link VectorKernels#dotQ8_0}, {@link VectorKernels#dotQ4_0}, which {@link
 * VectorRowDots} runs on each copied row): per 32-weight block, the L-lane chunks of decoded
 * weights times the token's activations summed by fused multiply-adds in increasing order (the
 * first a multiply), the block's sum scaled into one of two accumulators by an FMA with the block's
 * scale (even blocks into the first), the two added and their lanes summed in a fixed tree ({@link
 * VectorMath#sum}). So a sequence's result does not depend on how many others share its step, and a
 * lone sequence's step is the matrix × vector product itself. Accumulators alternate by swapping
 * after each block (the final {@code a + b} is the same as {@code b + a}), which keeps one copy of
 * the loop body small enough for C2 to inline whole.
 */
final class VectorStepTiles {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorStepTiles() {}

  /** L signed bytes as floats (as {@code VectorTiles.q8_0} decodes them). */
  static FloatVector bytes(byte[] w, int off) {
    return (FloatVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2F, F, 0);
  }

  /**
   * L Q4_0 bytes XOR 0x88, sign-extended to int lanes: the XOR turns each nibble h into the signed
   * 4-bit value of h − 8, so {@link #low} and {@link #high} take it with shifts alone (instead of
   * shift, mask and subtract; about 1.1× on TinyLlama Q4_0 generation, BENCHMARKS.md session 16).
   * The matrix × vector kernel, the prompt decoder and these step kernels all decode with them.
   */
  static IntVector centred(byte[] w, int off) {
    return (IntVector)
        ByteVector.fromArray(B, w, off)
            .lanewise(VectorOperators.XOR, (byte) 0x88)
            .convertShape(VectorOperators.B2I, I, 0);
  }

  /** The low nibbles minus 8 of {@link #centred} lanes, as floats. */
  static FloatVector low(IntVector q) {
    return (FloatVector)
        q.lanewise(VectorOperators.LSHL, 28)
            .lanewise(VectorOperators.ASHR, 28)
            .convertShape(VectorOperators.I2F, F, 0);
  }

  /** The high nibbles minus 8 of {@link #centred} lanes, as floats. */
  static FloatVector high(IntVector q) {
    return (FloatVector)
        q.lanewise(VectorOperators.ASHR, 4).convertShape(VectorOperators.I2F, F, 0);
  }

  /** {@code dotQ8_0} for four tokens: each block's chunks loaded and converted once. */
  static void q8_0Four(
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
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      int e = b * 32;
      FloatVector c = bytes(w, block + 2);
      FloatVector t0 = c.mul(FloatVector.fromArray(F, x, x0 + e));
      FloatVector t1 = c.mul(FloatVector.fromArray(F, x, x1 + e));
      FloatVector t2 = c.mul(FloatVector.fromArray(F, x, x2 + e));
      FloatVector t3 = c.mul(FloatVector.fromArray(F, x, x3 + e));
      for (int j = L; j < 32; j += L) {
        c = bytes(w, block + 2 + j);
        t0 = c.fma(FloatVector.fromArray(F, x, x0 + e + j), t0);
        t1 = c.fma(FloatVector.fromArray(F, x, x1 + e + j), t1);
        t2 = c.fma(FloatVector.fromArray(F, x, x2 + e + j), t2);
        t3 = c.fma(FloatVector.fromArray(F, x, x3 + e + j), t3);
      }
      FloatVector d = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block)));
      FloatVector s0 = t0.fma(d, a0);
      FloatVector s1 = t1.fma(d, a1);
      FloatVector s2 = t2.fma(d, a2);
      FloatVector s3 = t3.fma(d, a3);
      a0 = b0; // the next block goes into the other accumulator
      a1 = b1;
      a2 = b2;
      a3 = b3;
      b0 = s0;
      b1 = s1;
      b2 = s2;
      b3 = s3;
    }
    out[p0] = VectorMath.sum(a0.add(b0));
    out[p1] = VectorMath.sum(a1.add(b1));
    out[p2] = VectorMath.sum(a2.add(b2));
    out[p3] = VectorMath.sum(a3.add(b3));
  }

  /**
   * {@code dotQ4_0} for four tokens: each block's nibbles extracted and converted once (chunk by
   * chunk: the low nibbles of L bytes, then their high nibbles, as {@code dotQ4_0} orders them).
   */
  static void q4_0Four(
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
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      int e = b * 32;
      IntVector q = centred(w, block + 2);
      FloatVector c = low(q);
      FloatVector t0 = c.mul(FloatVector.fromArray(F, x, x0 + e));
      FloatVector t1 = c.mul(FloatVector.fromArray(F, x, x1 + e));
      FloatVector t2 = c.mul(FloatVector.fromArray(F, x, x2 + e));
      FloatVector t3 = c.mul(FloatVector.fromArray(F, x, x3 + e));
      c = high(q);
      t0 = c.fma(FloatVector.fromArray(F, x, x0 + e + 16), t0);
      t1 = c.fma(FloatVector.fromArray(F, x, x1 + e + 16), t1);
      t2 = c.fma(FloatVector.fromArray(F, x, x2 + e + 16), t2);
      t3 = c.fma(FloatVector.fromArray(F, x, x3 + e + 16), t3);
      for (int j = L; j < 16; j += L) {
        q = centred(w, block + 2 + j);
        c = low(q);
        t0 = c.fma(FloatVector.fromArray(F, x, x0 + e + j), t0);
        t1 = c.fma(FloatVector.fromArray(F, x, x1 + e + j), t1);
        t2 = c.fma(FloatVector.fromArray(F, x, x2 + e + j), t2);
        t3 = c.fma(FloatVector.fromArray(F, x, x3 + e + j), t3);
        c = high(q);
        t0 = c.fma(FloatVector.fromArray(F, x, x0 + e + 16 + j), t0);
        t1 = c.fma(FloatVector.fromArray(F, x, x1 + e + 16 + j), t1);
        t2 = c.fma(FloatVector.fromArray(F, x, x2 + e + 16 + j), t2);
        t3 = c.fma(FloatVector.fromArray(F, x, x3 + e + 16 + j), t3);
      }
      FloatVector d = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block)));
      FloatVector s0 = t0.fma(d, a0);
      FloatVector s1 = t1.fma(d, a1);
      FloatVector s2 = t2.fma(d, a2);
      FloatVector s3 = t3.fma(d, a3);
      a0 = b0; // the next block goes into the other accumulator
      a1 = b1;
      a2 = b2;
      a3 = b3;
      b0 = s0;
      b1 = s1;
      b2 = s2;
      b3 = s3;
    }
    out[p0] = VectorMath.sum(a0.add(b0));
    out[p1] = VectorMath.sum(a1.add(b1));
    out[p2] = VectorMath.sum(a2.add(b2));
    out[p3] = VectorMath.sum(a3.add(b3));
  }
}
