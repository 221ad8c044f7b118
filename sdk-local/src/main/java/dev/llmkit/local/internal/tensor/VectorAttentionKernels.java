package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link ScalarAttentionKernels} for 8 or 16 float lanes. A tile of 16
 * positions is one or two vectors per row: scores accumulate four such units at once (four
 * independent FMA chains), the weighted sum four value rows at once against the same probabilities.
 * Halves are widened in registers (exponent rebased by 2^112, sign or-ed back). Loaded only through
 * {@link AttentionKernels#matching} when the vector matrix kernels are active.
 */
public final class VectorAttentionKernels implements AttentionKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  /** Vectors per tile row. */
  private static final int UNITS = TILE / L;

  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** Created after the constants above, which its constructor checks. */
  public static final VectorAttentionKernels INSTANCE = new VectorAttentionKernels();

  private VectorAttentionKernels() {
    if (L != 8 && L != 16) {
      throw new IllegalStateException("vector attention needs 8 or 16 float lanes, got " + L);
    }
  }

  /** Offset of row 0 of vector unit k (L positions) of a head whose tiles start at base. */
  private static int unit(int base, int len, int k) {
    return base + (k / UNITS) * len * TILE + (k % UNITS) * L;
  }

  @Override
  public void scores(
      float[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores) {
    int k = fromTile * UNITS;
    int end = toTile * UNITS;
    for (; k + 4 <= end; k += 4) {
      int o0 = unit(base, len, k);
      int o1 = unit(base, len, k + 1);
      int o2 = unit(base, len, k + 2);
      int o3 = unit(base, len, k + 3);
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      for (int i = 0; i < len; i++) {
        FloatVector qi = FloatVector.broadcast(F, q[qOff + i]);
        int row = i * TILE;
        a0 = FloatVector.fromArray(F, keys, o0 + row).fma(qi, a0);
        a1 = FloatVector.fromArray(F, keys, o1 + row).fma(qi, a1);
        a2 = FloatVector.fromArray(F, keys, o2 + row).fma(qi, a2);
        a3 = FloatVector.fromArray(F, keys, o3 + row).fma(qi, a3);
      }
      a0.mul(scale).intoArray(scores, k * L);
      a1.mul(scale).intoArray(scores, (k + 1) * L);
      a2.mul(scale).intoArray(scores, (k + 2) * L);
      a3.mul(scale).intoArray(scores, (k + 3) * L);
    }
    for (; k < end; k++) {
      int o = unit(base, len, k);
      FloatVector a = FloatVector.zero(F);
      for (int i = 0; i < len; i++) {
        a =
            FloatVector.fromArray(F, keys, o + i * TILE)
                .fma(FloatVector.broadcast(F, q[qOff + i]), a);
      }
      a.mul(scale).intoArray(scores, k * L);
    }
  }

  @Override
  public void scores(
      short[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores) {
    int k = fromTile * UNITS;
    int end = toTile * UNITS;
    for (; k + 2 <= end; k += 2) {
      halfScores2(keys, base, len, k, q, qOff, scale, scores);
    }
    for (; k < end; k++) {
      halfScores1(keys, base, len, k, q, qOff, scale, scores);
    }
  }

  /*
   * The half-precision kernels keep each loop with its widening (several vector operations per
   * load) in a method of its own, called with arrays and ints only. In one method, five or more
   * inlined widenings push C2 past its node budget (NodeCountInliningCutoff): the remaining ones
   * are then called out of line, each returning a heap-allocated vector through the Vector API's
   * Java fallback, which made the F16 cache's attention several times slower than the F32 one.
   * A call that is not inlined here costs one call per two tiles, nothing per vector.
   */

  /** Scores of vector units k and k + 1 (two FMA chains sharing each query broadcast). */
  private static void halfScores2(
      short[] keys, int base, int len, int k, float[] q, int qOff, float scale, float[] scores) {
    int o0 = unit(base, len, k);
    int o1 = unit(base, len, k + 1);
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    for (int i = 0; i < len; i++) {
      FloatVector qi = FloatVector.broadcast(F, q[qOff + i]);
      int row = i * TILE;
      a0 = halves(keys, o0 + row).fma(qi, a0);
      a1 = halves(keys, o1 + row).fma(qi, a1);
    }
    a0.mul(scale).intoArray(scores, k * L);
    a1.mul(scale).intoArray(scores, (k + 1) * L);
  }

  /** Scores of vector unit k alone. */
  private static void halfScores1(
      short[] keys, int base, int len, int k, float[] q, int qOff, float scale, float[] scores) {
    int o = unit(base, len, k);
    FloatVector a = FloatVector.zero(F);
    for (int i = 0; i < len; i++) {
      a = halves(keys, o + i * TILE).fma(FloatVector.broadcast(F, q[qOff + i]), a);
    }
    a.mul(scale).intoArray(scores, k * L);
  }

  /** L halves from {@code h[off ..]} as floats (exact for normal and subnormal values). */
  private static FloatVector halves(short[] h, int off) {
    return VectorMath.halfToFloat(
        (IntVector) ShortVector.fromArray(S, h, off).convertShape(VectorOperators.S2I, I, 0));
  }

  @Override
  public void softmax(float[] p, int from, int to) {
    int bound = from + F.loopBound(to - from);
    FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    for (int t = from; t < bound; t += L) {
      // lanewise(MAX), not max(): max() calls lanewise from inside the Vector API, where C2 found
      // no receiver profile, called it out of line and boxed mv on every iteration, for good
      mv = mv.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, p, t));
    }
    float max = mv.reduceLanes(VectorOperators.MAX);
    for (int t = bound; t < to; t++) {
      max = Math.max(max, p[t]);
    }
    float sum = exponentials(p, from, bound, max);
    for (int t = bound; t < to; t++) {
      float e = VectorMath.exp(p[t] - max);
      p[t] = e;
      sum += e;
    }
    float inv = 1f / sum;
    FloatVector invV = FloatVector.broadcast(F, inv);
    for (int t = from; t < bound; t += L) {
      FloatVector.fromArray(F, p, t).mul(invV).intoArray(p, t);
    }
    for (int t = bound; t < to; t++) {
      p[t] *= inv;
    }
  }

  /**
   * {@code p[t] = exp(p[t] - max)} over whole vectors {@code [from, bound)}; returns their sum. A
   * method of its own: the exponential takes many vector operations (see {@link VectorMath}).
   */
  static float exponentials(float[] p, int from, int bound, float max) {
    FloatVector maxV = FloatVector.broadcast(F, max);
    FloatVector sv = FloatVector.zero(F);
    for (int t = from; t < bound; t += L) {
      FloatVector e = VectorMath.exp(FloatVector.fromArray(F, p, t).sub(maxV));
      e.intoArray(p, t);
      sv = sv.add(e);
    }
    return VectorMath.sum(sv);
  }

  @Override
  public void weightedSum(
      float[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff) {
    int first = Math.min(to, (from + L - 1) / L * L);
    int last = Math.max(first, to / L * L);
    int j = 0;
    for (; j + 4 <= len; j += 4) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      for (int t = first; t < last; t += L) {
        FloatVector pv = FloatVector.fromArray(F, p, t);
        int o = unit(base, len, t / L) + j * TILE;
        a0 = FloatVector.fromArray(F, values, o).fma(pv, a0);
        a1 = FloatVector.fromArray(F, values, o + TILE).fma(pv, a1);
        a2 = FloatVector.fromArray(F, values, o + 2 * TILE).fma(pv, a2);
        a3 = FloatVector.fromArray(F, values, o + 3 * TILE).fma(pv, a3);
      }
      out[outOff + j] = VectorMath.sum(a0);
      out[outOff + j + 1] = VectorMath.sum(a1);
      out[outOff + j + 2] = VectorMath.sum(a2);
      out[outOff + j + 3] = VectorMath.sum(a3);
    }
    for (; j < len; j++) {
      FloatVector a = FloatVector.zero(F);
      for (int t = first; t < last; t += L) {
        a =
            FloatVector.fromArray(F, values, unit(base, len, t / L) + j * TILE)
                .fma(FloatVector.fromArray(F, p, t), a);
      }
      out[outOff + j] = VectorMath.sum(a);
    }
    for (int jj = 0; jj < len; jj++) {
      float edge = 0f;
      for (int t = from; t < first; t++) {
        edge += p[t] * values[AttentionKernels.offset(base, len, t, jj)];
      }
      for (int t = last; t < to; t++) {
        edge += p[t] * values[AttentionKernels.offset(base, len, t, jj)];
      }
      out[outOff + jj] += edge;
    }
  }

  @Override
  public void weightedSum(
      short[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff) {
    int first = Math.min(to, (from + L - 1) / L * L);
    int last = Math.max(first, to / L * L);
    int j = 0;
    for (; j + 2 <= len; j += 2) {
      halfSums2(values, base, len, first, last, p, j, out, outOff);
    }
    for (; j < len; j++) {
      halfSums1(values, base, len, first, last, p, j, out, outOff);
    }
    halfEdges(values, base, len, from, first, last, to, p, out, outOff);
  }

  /** Value columns j and j + 1 over the whole vectors of positions [first, last). */
  private static void halfSums2(
      short[] values,
      int base,
      int len,
      int first,
      int last,
      float[] p,
      int j,
      float[] out,
      int outOff) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    for (int t = first; t < last; t += L) {
      FloatVector pv = FloatVector.fromArray(F, p, t);
      int o = unit(base, len, t / L) + j * TILE;
      a0 = halves(values, o).fma(pv, a0);
      a1 = halves(values, o + TILE).fma(pv, a1);
    }
    out[outOff + j] = VectorMath.sum(a0);
    out[outOff + j + 1] = VectorMath.sum(a1);
  }

  /** Value column j alone over the whole vectors of positions [first, last). */
  private static void halfSums1(
      short[] values,
      int base,
      int len,
      int first,
      int last,
      float[] p,
      int j,
      float[] out,
      int outOff) {
    FloatVector a = FloatVector.zero(F);
    for (int t = first; t < last; t += L) {
      a = halves(values, unit(base, len, t / L) + j * TILE).fma(FloatVector.fromArray(F, p, t), a);
    }
    out[outOff + j] = VectorMath.sum(a);
  }

  /** Positions [from, first) and [last, to) outside whole vectors, one by one. */
  private static void halfEdges(
      short[] values,
      int base,
      int len,
      int from,
      int first,
      int last,
      int to,
      float[] p,
      float[] out,
      int outOff) {
    for (int jj = 0; jj < len; jj++) {
      float edge = 0f;
      for (int t = from; t < first; t++) {
        edge += p[t] * Float16.toFloat(values[AttentionKernels.offset(base, len, t, jj)]);
      }
      for (int t = last; t < to; t++) {
        edge += p[t] * Float16.toFloat(values[AttentionKernels.offset(base, len, t, jj)]);
      }
      out[outOff + jj] += edge;
    }
  }
}
