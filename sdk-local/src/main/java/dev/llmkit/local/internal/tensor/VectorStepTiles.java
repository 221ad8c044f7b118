package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels of {@link TiledProducts}: up to four weight rows times up to four tokens per
 * register tile, each weight row decoded once per tile.
 *
 * <p><b>One operation order for every tile shape.</b> Each product {@code W[r] · x_t} is computed
 * the same way whichever kernel, tile shape or batch size computes it: the row is decoded to floats
 * exactly as {@link VectorTiles#decodeRow} decodes it (the same float operations, in registers or
 * into a scratch row), one L-lane accumulator takes {@code acc = w[i..i+L) * x[i..i+L) + acc} (one
 * fused multiply-add) for i = 0, L, 2L, … in order, its lanes are added in lane order as scalars
 * ({@code reduceLanes} is not used: its order may differ between the interpreter and compiled
 * code), and a tail shorter than L is added element by element with {@link Math#fma}. So a
 * sequence's result does not depend on how many others share its step.
 */
final class VectorStepTiles {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorStepTiles() {}

  /** Whether {@link #fused4x1} has a kernel for {@code w} (weights decoded in registers). */
  static boolean hasFused(FloatTensor w) {
    return (w instanceof Q8_0Tensor || w instanceof Q4_0Tensor) && 32 % L == 0;
  }

  /**
   * Rows {@code r0 .. r0 + 3} of {@code w} times one token {@code x[xOff ..]}: {@code out[outOff +
   * i] = W[r0 + i] · x}, decoding Q8_0 or Q4_0 blocks in registers ({@link #hasFused}).
   */
  static void fused4x1(FloatTensor w, int r0, float[] x, int xOff, float[] out, int outOff,
      float[] lanes) {
    ByteBuffer data = w.data;
    int stride = w.rowBytes;
    int o0 = w.rowOffset(r0);
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    int blocks = w.cols / 32;
    if (w instanceof Q8_0Tensor) {
      for (int b = 0; b < blocks; b++) {
        int block = o0 + b * Q8_0Tensor.BLOCK_BYTES;
        float d0 = Float16.toFloat(data.getShort(block));
        float d1 = Float16.toFloat(data.getShort(block + stride));
        float d2 = Float16.toFloat(data.getShort(block + 2 * stride));
        float d3 = Float16.toFloat(data.getShort(block + 3 * stride));
        int xb = xOff + b * 32;
        for (int j = 0; j < 32; j += L) {
          FloatVector v = FloatVector.fromArray(F, x, xb + j);
          int q = block + 2 + j;
          a0 = bytes(data, q).mul(d0).fma(v, a0);
          a1 = bytes(data, q + stride).mul(d1).fma(v, a1);
          a2 = bytes(data, q + 2 * stride).mul(d2).fma(v, a2);
          a3 = bytes(data, q + 3 * stride).mul(d3).fma(v, a3);
        }
      }
    } else {
      for (int b = 0; b < blocks; b++) {
        int block = o0 + b * Q4_0Tensor.BLOCK_BYTES;
        float d0 = Float16.toFloat(data.getShort(block));
        float d1 = Float16.toFloat(data.getShort(block + stride));
        float d2 = Float16.toFloat(data.getShort(block + 2 * stride));
        float d3 = Float16.toFloat(data.getShort(block + 3 * stride));
        int xb = xOff + b * 32;
        for (int half = 0; half < 2; half++) { // low nibbles are elements 0..15, high 16..31
          int shift = 4 * half;
          for (int j = 0; j < 16; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, xb + 16 * half + j);
            int q = block + 2 + j;
            a0 = nibbles(data, q, shift).mul(d0).fma(v, a0);
            a1 = nibbles(data, q + stride, shift).mul(d1).fma(v, a1);
            a2 = nibbles(data, q + 2 * stride, shift).mul(d2).fma(v, a2);
            a3 = nibbles(data, q + 3 * stride, shift).mul(d3).fma(v, a3);
          }
        }
      }
    }
    out[outOff] = laneSum(a0, lanes);
    out[outOff + 1] = laneSum(a1, lanes);
    out[outOff + 2] = laneSum(a2, lanes);
    out[outOff + 3] = laneSum(a3, lanes);
  }

  /** L signed bytes as floats (as {@code VectorTiles.q8_0} decodes them). */
  private static FloatVector bytes(ByteBuffer w, int off) {
    return (FloatVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(F, 0);
  }

  /** L Q4_0 nibbles (low for shift 0, high for 4) minus 8, as floats (as {@code VectorTiles.q4_0}). */
  private static FloatVector nibbles(ByteBuffer w, int off, int shift) {
    IntVector q = (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
    IntVector v = shift == 0 ? q.and(0x0F) : q.lanewise(VectorOperators.LSHR, shift).and(0x0F);
    return (FloatVector) v.sub(8).castShape(F, 0);
  }

  /**
   * Four decoded rows {@code w_r = w[r * n ..]} times four tokens {@code x_j = x[xOff + j *
   * xStride ..]}: {@code out[outOff + j * outStride + r] = w_r · x_j}.
   */
  static void tile4x4(float[] w, int n, float[] x, int xOff, int xStride, float[] out, int outOff,
      int outStride, float[] lanes) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = FloatVector.zero(F);
    FloatVector c2 = FloatVector.zero(F);
    FloatVector c3 = FloatVector.zero(F);
    FloatVector d0 = FloatVector.zero(F);
    FloatVector d1 = FloatVector.zero(F);
    FloatVector d2 = FloatVector.zero(F);
    FloatVector d3 = FloatVector.zero(F);
    int x1 = xOff + xStride;
    int x2 = xOff + 2 * xStride;
    int x3 = xOff + 3 * xStride;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector r0 = FloatVector.fromArray(F, w, i);
      FloatVector r1 = FloatVector.fromArray(F, w, n + i);
      FloatVector r2 = FloatVector.fromArray(F, w, 2 * n + i);
      FloatVector r3 = FloatVector.fromArray(F, w, 3 * n + i);
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      a0 = r0.fma(v, a0);
      b0 = r1.fma(v, b0);
      c0 = r2.fma(v, c0);
      d0 = r3.fma(v, d0);
      v = FloatVector.fromArray(F, x, x1 + i);
      a1 = r0.fma(v, a1);
      b1 = r1.fma(v, b1);
      c1 = r2.fma(v, c1);
      d1 = r3.fma(v, d1);
      v = FloatVector.fromArray(F, x, x2 + i);
      a2 = r0.fma(v, a2);
      b2 = r1.fma(v, b2);
      c2 = r2.fma(v, c2);
      d2 = r3.fma(v, d2);
      v = FloatVector.fromArray(F, x, x3 + i);
      a3 = r0.fma(v, a3);
      b3 = r1.fma(v, b3);
      c3 = r2.fma(v, c3);
      d3 = r3.fma(v, d3);
    }
    int tail = i;
    int o1 = outOff + outStride;
    int o2 = outOff + 2 * outStride;
    int o3 = outOff + 3 * outStride;
    out[outOff] = tail(w, 0, x, xOff, tail, n, laneSum(a0, lanes));
    out[outOff + 1] = tail(w, n, x, xOff, tail, n, laneSum(b0, lanes));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, tail, n, laneSum(c0, lanes));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, tail, n, laneSum(d0, lanes));
    out[o1] = tail(w, 0, x, x1, tail, n, laneSum(a1, lanes));
    out[o1 + 1] = tail(w, n, x, x1, tail, n, laneSum(b1, lanes));
    out[o1 + 2] = tail(w, 2 * n, x, x1, tail, n, laneSum(c1, lanes));
    out[o1 + 3] = tail(w, 3 * n, x, x1, tail, n, laneSum(d1, lanes));
    out[o2] = tail(w, 0, x, x2, tail, n, laneSum(a2, lanes));
    out[o2 + 1] = tail(w, n, x, x2, tail, n, laneSum(b2, lanes));
    out[o2 + 2] = tail(w, 2 * n, x, x2, tail, n, laneSum(c2, lanes));
    out[o2 + 3] = tail(w, 3 * n, x, x2, tail, n, laneSum(d2, lanes));
    out[o3] = tail(w, 0, x, x3, tail, n, laneSum(a3, lanes));
    out[o3 + 1] = tail(w, n, x, x3, tail, n, laneSum(b3, lanes));
    out[o3 + 2] = tail(w, 2 * n, x, x3, tail, n, laneSum(c3, lanes));
    out[o3 + 3] = tail(w, 3 * n, x, x3, tail, n, laneSum(d3, lanes));
  }

  /** {@link #tile4x4} for one token: {@code out[outOff + r] = w_r · x}. */
  static void tile4x1(float[] w, int n, float[] x, int xOff, float[] out, int outOff,
      float[] lanes) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      a0 = FloatVector.fromArray(F, w, i).fma(v, a0);
      a1 = FloatVector.fromArray(F, w, n + i).fma(v, a1);
      a2 = FloatVector.fromArray(F, w, 2 * n + i).fma(v, a2);
      a3 = FloatVector.fromArray(F, w, 3 * n + i).fma(v, a3);
    }
    out[outOff] = tail(w, 0, x, xOff, i, n, laneSum(a0, lanes));
    out[outOff + 1] = tail(w, n, x, xOff, i, n, laneSum(a1, lanes));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, i, n, laneSum(a2, lanes));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, i, n, laneSum(a3, lanes));
  }

  /** One decoded row {@code w[wOff ..]} times one token: the order of the tiles for one pair. */
  static float tile1x1(float[] w, int wOff, int n, float[] x, int xOff, float[] lanes) {
    FloatVector a = FloatVector.zero(F);
    int i = 0;
    for (; i + L <= n; i += L) {
      a = FloatVector.fromArray(F, w, wOff + i).fma(FloatVector.fromArray(F, x, xOff + i), a);
    }
    return tail(w, wOff, x, xOff, i, n, laneSum(a, lanes));
  }

  /** The lanes of {@code v} added in lane order. */
  private static float laneSum(FloatVector v, float[] lanes) {
    v.intoArray(lanes, 0);
    float s = lanes[0];
    for (int k = 1; k < L; k++) {
      s += lanes[k];
    }
    return s;
  }

  /** {@code sum} plus the products of elements {@code from .. n}, one fused multiply-add each. */
  private static float tail(float[] w, int wOff, float[] x, int xOff, int from, int n, float sum) {
    for (int i = from; i < n; i++) {
      sum = Math.fma(w[wOff + i], x[xOff + i], sum);
    }
    return sum;
  }

  /** Lanes of the vector species (the scratch {@code lanes} arrays must hold this many). */
  static int lanes() {
    return L;
  }
}
