package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Q4_K and Q6_K kernels: the single-token ones behind {@link VectorKernels#dotQ4_K} and {@link
 * VectorKernels#dotQ6_K}, and the four-token step kernels of {@link VectorStepDots} (one weight row
 * times four tokens), each token's product with exactly the operations of the single-token kernel
 * (see {@link VectorStepDots} for the rules they follow).
 */
final class VectorKQuantSteps {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** The four accumulators of each parity of {@link #q4_K}, stored between its two passes. */
  private static final ThreadLocal<float[]> ACCUMULATORS =
      ThreadLocal.withInitial(() -> new float[8 * L]);

  private VectorKQuantSteps() {}

  /** The single-token Q4_K kernel behind {@link VectorKernels#dotQ4_K}. */
  static float rowQ4_K(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q4_KTensor.BLOCK_BYTES;
      int dAndMin = WeightBytes.getInt(w, block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = -Float16.toFloat((short) (dAndMin >>> 16));
      long low = WeightBytes.getLong(w, block + 4);
      int high = WeightBytes.getInt(w, block + 12);
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        // sub-blocks 2c and 2c + 1: Σ (d·sc·q + dmin'·m)·x = d·sc·Σ q·x + dmin'·m·Σ x
        FloatVector qxLo = FloatVector.zero(F);
        FloatVector qxHi = FloatVector.zero(F);
        FloatVector xLo = FloatVector.zero(F);
        FloatVector xHi = FloatVector.zero(F);
        for (int j = 0; j < 32; j += L) {
          IntVector q = loadWidened(w, block + 16 + 32 * c + j);
          FloatVector vLo = FloatVector.fromArray(F, x, xb + 64 * c + j);
          FloatVector vHi = FloatVector.fromArray(F, x, xb + 64 * c + 32 + j);
          qxLo = toFloats(q.and(0x0F)).fma(vLo, qxLo);
          qxHi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F)).fma(vHi, qxHi);
          xLo = xLo.add(vLo);
          xHi = xHi.add(vHi);
        }
        int lo = 2 * c;
        int hi = 2 * c + 1;
        acc0 =
            qxLo.fma(FloatVector.broadcast(F, d * KQuants.scale(low, high, lo)), acc0)
                .add(xLo.mul(dmin * KQuants.min(low, high, lo)));
        acc1 =
            qxHi.fma(FloatVector.broadcast(F, d * KQuants.scale(low, high, hi)), acc1)
                .add(xHi.mul(dmin * KQuants.min(low, high, hi)));
      }
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /** The single-token Q6_K kernel behind {@link VectorKernels#dotQ6_K}. */
  static float rowQ6_K(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        long scales =
            WeightBytes.getLong(w, block + 192 + 8 * half); // 8 signed scales, one buffer read
        int xb = xOff + b * 256 + 128 * half;
        // quarter q of the half: elements 32q + l take the low (q < 2) or high nibble of
        // ql[32 (q % 2) + l] and bits 2q, 2q + 1 of qh[l]; 16 elements share a scale.
        // Quarters 2p (acc0) and 2p + 1 (acc1) share their nibble shift.
        for (int pair = 0; pair < 2; pair++) {
          int lowShift = 4 * pair;
          for (int j = 0; j < 32; j += L) {
            IntVector h = loadWidened(w, qh + j);
            IntVector lowA =
                loadWidened(w, ql + j).lanewise(VectorOperators.LSHR, lowShift).and(0x0F);
            IntVector lowB =
                loadWidened(w, ql + 32 + j).lanewise(VectorOperators.LSHR, lowShift).and(0x0F);
            IntVector highA =
                h.lanewise(VectorOperators.LSHR, 4 * pair).and(3).lanewise(VectorOperators.LSHL, 4);
            IntVector highB =
                h.lanewise(VectorOperators.LSHR, 4 * pair + 2)
                    .and(3)
                    .lanewise(VectorOperators.LSHL, 4);
            float scaleA = d * (byte) (scales >>> (8 * (4 * pair + j / 16)));
            float scaleB = d * (byte) (scales >>> (8 * (4 * pair + 2 + j / 16)));
            acc0 =
                toFloats(lowA.or(highA).sub(32))
                    .mul(scaleA)
                    .fma(FloatVector.fromArray(F, x, xb + 64 * pair + j), acc0);
            acc1 =
                toFloats(lowB.or(highB).sub(32))
                    .mul(scaleB)
                    .fma(FloatVector.fromArray(F, x, xb + 64 * pair + 32 + j), acc1);
          }
        }
      }
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /**
   * {@link VectorKernels#dotQ4_K} for four tokens: per sub-block s of 32, Σ q·x and Σ x per token,
   * then {@code acc = (Σ q·x)·(d·scale) + acc + (Σ x)·(−dmin·min)}; even sub-blocks (low nibbles)
   * into one accumulator, odd ones into the other, as there. The two parities are two passes over
   * the row ({@link #q4_KHalf}; the kernel walks them side by side, but each accumulator sees the
   * same operations in the same order either way).
   */
  static void q4_K(
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
    float[] acc = ACCUMULATORS.get();
    q4_KHalf(w, off, n, x, x0, x1, x2, x3, 0, acc, 0);
    q4_KHalf(w, off, n, x, x0, x1, x2, x3, 1, acc, 4 * L);
    out[p0] = sumOfTwo(acc, 0);
    out[p1] = sumOfTwo(acc, L);
    out[p2] = sumOfTwo(acc, 2 * L);
    out[p3] = sumOfTwo(acc, 3 * L);
  }

  /**
   * {@code VectorMath.sum(even + odd)} of the accumulators stored at {@code at}, {@code at + 4L}.
   */
  private static float sumOfTwo(float[] acc, int at) {
    return VectorMath.sum(
        FloatVector.fromArray(F, acc, at).add(FloatVector.fromArray(F, acc, at + 4 * L)));
  }

  /**
   * One parity of {@link #q4_K}'s sub-blocks (0: the low nibbles of each 32-byte chunk, 1: the high
   * ones) over the whole row for four tokens, the accumulators stored to {@code acc[at ..]}. The
   * kernel for one parity is half the code of both, which C2 compiles with every vector operation
   * inlined (both at once exceeded its inlining budget and boxed the conversions).
   */
  private static void q4_KHalf(
      byte[] w,
      int off,
      int n,
      float[] x,
      int x0,
      int x1,
      int x2,
      int x3,
      int parity,
      float[] acc,
      int at) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    int shift = 4 * parity;
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q4_KTensor.BLOCK_BYTES;
      int dAndMin = WeightBytes.getInt(w, block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = -Float16.toFloat((short) (dAndMin >>> 16));
      long low = WeightBytes.getLong(w, block + 4);
      int high = WeightBytes.getInt(w, block + 12);
      for (int c = 0; c < 4; c++) {
        int sub = 2 * c + parity;
        int q = block + 16 + 32 * c;
        int e = b * 256 + 32 * sub;
        FloatVector qx0 = FloatVector.zero(F);
        FloatVector qx1 = FloatVector.zero(F);
        FloatVector qx2 = FloatVector.zero(F);
        FloatVector qx3 = FloatVector.zero(F);
        FloatVector sx0 = FloatVector.zero(F);
        FloatVector sx1 = FloatVector.zero(F);
        FloatVector sx2 = FloatVector.zero(F);
        FloatVector sx3 = FloatVector.zero(F);
        for (int j = 0; j < 32; j += L) {
          // a shift by 0 leaves the low nibble: the same ints as the kernel's and(0x0F)
          FloatVector v =
              toFloats(loadWidened(w, q + j).lanewise(VectorOperators.LSHR, shift).and(0x0F));
          FloatVector t = FloatVector.fromArray(F, x, x0 + e + j);
          qx0 = v.fma(t, qx0);
          sx0 = sx0.add(t);
          t = FloatVector.fromArray(F, x, x1 + e + j);
          qx1 = v.fma(t, qx1);
          sx1 = sx1.add(t);
          t = FloatVector.fromArray(F, x, x2 + e + j);
          qx2 = v.fma(t, qx2);
          sx2 = sx2.add(t);
          t = FloatVector.fromArray(F, x, x3 + e + j);
          qx3 = v.fma(t, qx3);
          sx3 = sx3.add(t);
        }
        FloatVector scale = FloatVector.broadcast(F, d * KQuants.scale(low, high, sub));
        float min = dmin * KQuants.min(low, high, sub);
        a0 = qx0.fma(scale, a0).add(sx0.mul(min));
        a1 = qx1.fma(scale, a1).add(sx1.mul(min));
        a2 = qx2.fma(scale, a2).add(sx2.mul(min));
        a3 = qx3.fma(scale, a3).add(sx3.mul(min));
      }
    }
    a0.intoArray(acc, at);
    a1.intoArray(acc, at + L);
    a2.intoArray(acc, at + 2 * L);
    a3.intoArray(acc, at + 3 * L);
  }

  /**
   * {@link VectorKernels#dotQ6_K} for four tokens: each L-lane group of weights is decoded and
   * scaled once, then multiplied into each token's accumulator of its parity.
   */
  static void q6_K(
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
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        long scales = WeightBytes.getLong(w, block + 192 + 8 * half);
        int e = b * 256 + 128 * half;
        for (int pair = 0; pair < 2; pair++) {
          int lowShift = 4 * pair;
          for (int j = 0; j < 32; j += L) {
            IntVector h = loadWidened(w, qh + j);
            IntVector lowA =
                loadWidened(w, ql + j).lanewise(VectorOperators.LSHR, lowShift).and(0x0F);
            IntVector lowB =
                loadWidened(w, ql + 32 + j).lanewise(VectorOperators.LSHR, lowShift).and(0x0F);
            IntVector highA =
                h.lanewise(VectorOperators.LSHR, 4 * pair).and(3).lanewise(VectorOperators.LSHL, 4);
            IntVector highB =
                h.lanewise(VectorOperators.LSHR, 4 * pair + 2)
                    .and(3)
                    .lanewise(VectorOperators.LSHL, 4);
            float scaleA = d * (byte) (scales >>> (8 * (4 * pair + j / 16)));
            float scaleB = d * (byte) (scales >>> (8 * (4 * pair + 2 + j / 16)));
            FloatVector va = toFloats(lowA.or(highA).sub(32)).mul(scaleA);
            FloatVector vb = toFloats(lowB.or(highB).sub(32)).mul(scaleB);
            int ea = e + 64 * pair + j;
            int eb = ea + 32;
            e0 = va.fma(FloatVector.fromArray(F, x, x0 + ea), e0);
            o0 = vb.fma(FloatVector.fromArray(F, x, x0 + eb), o0);
            e1 = va.fma(FloatVector.fromArray(F, x, x1 + ea), e1);
            o1 = vb.fma(FloatVector.fromArray(F, x, x1 + eb), o1);
            e2 = va.fma(FloatVector.fromArray(F, x, x2 + ea), e2);
            o2 = vb.fma(FloatVector.fromArray(F, x, x2 + eb), o2);
            e3 = va.fma(FloatVector.fromArray(F, x, x3 + ea), e3);
            o3 = vb.fma(FloatVector.fromArray(F, x, x3 + eb), o3);
          }
        }
      }
    }
    out[p0] = VectorMath.sum(e0.add(o0));
    out[p1] = VectorMath.sum(e1.add(o1));
    out[p2] = VectorMath.sum(e2.add(o2));
    out[p3] = VectorMath.sum(e3.add(o3));
  }

  /** L bytes widened to int lanes (sign-extended; callers mask the bits they use). */
  private static IntVector loadWidened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
