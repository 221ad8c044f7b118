package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector building blocks shared by the vector kernels, each built from lanewise operations whose
 * result IEEE 754 fixes (add, multiply, fused multiply-add, integer and bit operations, lane
 * moves).
 *
 * <p><b>Same value interpreted or compiled.</b> The Vector API leaves two things open that the
 * engine cannot leave open: {@code reduceLanes(ADD)} may add lanes in a different order in compiled
 * code than in its Java fallback, and {@code lanewise(EXP)} is an intrinsic (SVML) in compiled code
 * but {@code Math.exp} per lane in the fallback. A kernel is interpreted, C1-compiled or
 * C2-compiled depending on how warm it is, so either would make a sequence's logits depend on when
 * it ran, and greedy output on load and batching. {@link #sum} and {@link #exp} give one value in
 * every mode.
 *
 * <p><b>Node budget.</b> Each inlined vector operation costs C2 many IR nodes; a method with many
 * of them passes C2's budget (NodeCountInliningCutoff) and the remaining helpers returning vectors
 * are then called out of line, each result a heap-allocated vector through the Java fallback, which
 * made the F16 KV cache several times slower than the F32 one. So the helpers here use few
 * operations ({@link #halfToFloat}: five) and reinterpret through {@code reinterpretShape} with a
 * constant species.
 */
final class VectorMath {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final int L = F.length();

  private static final float TWO_POW_112 = 0x1p112f;
  private static final int SIGN_AND_MAGNITUDE = 0x8FFF_FFFF;

  /**
   * Shuffles moving lane i + h to lane i, for h = 8, 4, 2, 1 (identities where h is not below the
   * lane count). Constants, each in a field of its own: a shuffle read from an array is not, and
   * costs C2 extra operations per use.
   */
  private static final VectorShuffle<Float> SWAP8 = swap(8);

  private static final VectorShuffle<Float> SWAP4 = swap(4);
  private static final VectorShuffle<Float> SWAP2 = swap(2);
  private static final VectorShuffle<Float> SWAP1 = swap(1);

  // exp: Cody-Waite reduction by ln 2 and Cephes' degree-5 polynomial for e^r - 1 - r.
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;

  /** 1.5 × 2^23: adding it rounds to an integer, which lands in the low mantissa bits. */
  private static final float SHIFTER = 0x1.8p23f;

  private static final float EXP_MIN = -87.0f;
  private static final float EXP_MAX = 88.0f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  private VectorMath() {}

  /**
   * The lanes of {@code v} added as a fixed tree: lane i plus lane i + L/2, then the same on the
   * halves, down to one lane.
   */
  static float sum(FloatVector v) {
    if (L > 16) { // no such x86 or Arm NEON vectors; wider SVE ones keep the API's own order
      return v.reduceLanes(VectorOperators.ADD);
    }
    if (L == 16) {
      v = v.add(v.rearrange(SWAP8));
    }
    if (L >= 8) {
      v = v.add(v.rearrange(SWAP4));
    }
    if (L >= 4) {
      v = v.add(v.rearrange(SWAP2));
    }
    return L >= 2 ? v.add(v.rearrange(SWAP1)).lane(0) : v.lane(0);
  }

  private static VectorShuffle<Float> swap(int h) {
    return VectorShuffle.fromOp(F, i -> h < L ? i ^ h : i);
  }

  /**
   * e^x per lane, within 2 ulp of {@code Math.exp} for x in [-87, 88] (clamped to that range: below
   * it the result is about 1.6e-38 instead of smaller, above it about 1.7e38), the same value in
   * every execution mode; {@link #exp(float)} gives the same value for a single float.
   */
  static FloatVector exp(FloatVector x) {
    FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector t = c.fma(LOG2E, SHIFTER);
    FloatVector n = t.sub(SHIFTER);
    FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), c).add(n.mul(-LN2_LO));
    FloatVector p = r.fma(P0, P1);
    p = p.fma(r, FloatVector.broadcast(F, P2));
    p = p.fma(r, FloatVector.broadcast(F, P3));
    p = p.fma(r, FloatVector.broadcast(F, P4));
    p = p.fma(r, FloatVector.broadcast(F, P5));
    FloatVector y = p.fma(r.mul(r), r).add(1f);
    IntVector bits = (IntVector) t.reinterpretShape(I, 0);
    FloatVector scale =
        (FloatVector) bits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretShape(F, 0);
    return y.mul(scale);
  }

  /** {@link #exp(FloatVector)} of one value, with the same operations. */
  static float exp(float x) {
    float c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
    float t = Math.fma(c, LOG2E, SHIFTER);
    float n = t - SHIFTER;
    float r = Math.fma(n, -LN2_HI, c) + n * -LN2_LO;
    float p =
        Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
    float y = Math.fma(p, r * r, r) + 1f;
    float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
    return y * scale;
  }

  /**
   * Half-precision values, sign-extended to int lanes (as {@code castShape} from shorts gives
   * them), as floats: shifted left by 13 the exponent and mantissa land in float position and the
   * sign's copies fill bits 28 to 31; masking bits 28 to 30 leaves the sign in bit 31, and
   * multiplying by 2^112 rebases the exponent from bias 15 to 127. Exact for normal and subnormal
   * halves (callers hold no infinities or NaNs).
   */
  static FloatVector halfToFloat(IntVector h) {
    return ((FloatVector)
            h.lanewise(VectorOperators.LSHL, 13).and(SIGN_AND_MAGNITUDE).reinterpretShape(F, 0))
        .mul(TWO_POW_112);
  }

  /**
   * bfloat16 values (int lanes, sign-extended or not) as floats: the top half of a float's bits.
   */
  static FloatVector brainToFloat(IntVector h) {
    return (FloatVector) h.lanewise(VectorOperators.LSHL, 16).reinterpretShape(F, 0);
  }
}
