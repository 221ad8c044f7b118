package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Q6_K kernels: the single-token one behind {@link VectorKernels#dotQ6_K} and the four-token
 * step kernel of {@link VectorStepDots} (one weight row times four tokens), each token's product
 * with exactly the operations of the single-token kernel (see {@link VectorStepDots} for the rules
 * they follow). Q4_K has its own class, {@link VectorQ4_KRows}.
 */
final class VectorKQuantSteps {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorKQuantSteps() {}

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
