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
 * fused multiply-add) for i = 0, L, 2L, … in order, its lanes are added in a fixed tree ({@link
 * VectorMath#sum}), and a tail shorter than L is added element by element with {@link Math#fma}. So
 * a sequence's result does not depend on how many others share its step.
 */
final class VectorStepTiles {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorStepTiles() {}

  /** Whether {@link #fusedRow} has a kernel for {@code w} (weights decoded in registers). */
  static boolean hasFused(FloatTensor w) {
    return (w instanceof Q8_0Tensor || w instanceof Q4_0Tensor) && 32 % L == 0;
  }

  /**
   * Row {@code row} of {@code w} times one token {@code x[xOff ..]}, decoding Q8_0 or Q4_0 blocks
   * in registers ({@link #hasFused}). One row at a time: the row is read front to back, which
   * streams from memory better than several rows side by side.
   */
  static float fusedRow(FloatTensor w, int row, float[] x, int xOff) {
    int blocks = w.cols / 32;
    if (w instanceof Q8_0Tensor) {
      return q8_0Row(w.data, w.rowOffset(row), blocks, x, xOff);
    }
    return q4_0Row(w.data, w.rowOffset(row), blocks, x, xOff);
  }

  private static float q8_0Row(ByteBuffer data, int off, int blocks, float[] x, int xOff) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < blocks; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int xb = xOff + b * 32;
      for (int j = 0; j < 32; j += L) {
        acc = bytes(data, block + 2 + j).mul(d).fma(FloatVector.fromArray(F, x, xb + j), acc);
      }
    }
    return VectorMath.sum(acc);
  }

  private static float q4_0Row(ByteBuffer data, int off, int blocks, float[] x, int xOff) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < blocks; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int xb = xOff + b * 32;
      for (int j = 0; j < 16; j += L) { // low nibbles: elements 0..15
        acc = low(data, block + 2 + j).mul(d).fma(FloatVector.fromArray(F, x, xb + j), acc);
      }
      for (int j = 0; j < 16; j += L) { // high nibbles: elements 16..31
        acc = high(data, block + 2 + j).mul(d).fma(FloatVector.fromArray(F, x, xb + 16 + j), acc);
      }
    }
    return VectorMath.sum(acc);
  }

  /** L signed bytes as floats (as {@code VectorTiles.q8_0} decodes them). */
  private static FloatVector bytes(ByteBuffer w, int off) {
    return (FloatVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(F, 0);
  }

  /** L low Q4_0 nibbles minus 8, as floats (as {@code VectorTiles.q4_0} decodes them). */
  private static FloatVector low(ByteBuffer w, int off) {
    IntVector q = (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
    return (FloatVector) q.and(0x0F).sub(8).castShape(F, 0);
  }

  /** L high Q4_0 nibbles minus 8, as floats. */
  private static FloatVector high(ByteBuffer w, int off) {
    IntVector q = (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
    return (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8).castShape(F, 0);
  }

  /**
   * Four decoded rows {@code w_r = w[r * n ..]} times four tokens {@code x_j = x[xOff + j * xStride
   * ..]}: {@code out[outOff + j * outStride + r] = w_r · x_j}.
   */
  static void tile4x4(
      float[] w, int n, float[] x, int xOff, int xStride, float[] out, int outOff, int outStride) {
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
    out[outOff] = tail(w, 0, x, xOff, tail, n, VectorMath.sum(a0));
    out[outOff + 1] = tail(w, n, x, xOff, tail, n, VectorMath.sum(b0));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, tail, n, VectorMath.sum(c0));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, tail, n, VectorMath.sum(d0));
    out[o1] = tail(w, 0, x, x1, tail, n, VectorMath.sum(a1));
    out[o1 + 1] = tail(w, n, x, x1, tail, n, VectorMath.sum(b1));
    out[o1 + 2] = tail(w, 2 * n, x, x1, tail, n, VectorMath.sum(c1));
    out[o1 + 3] = tail(w, 3 * n, x, x1, tail, n, VectorMath.sum(d1));
    out[o2] = tail(w, 0, x, x2, tail, n, VectorMath.sum(a2));
    out[o2 + 1] = tail(w, n, x, x2, tail, n, VectorMath.sum(b2));
    out[o2 + 2] = tail(w, 2 * n, x, x2, tail, n, VectorMath.sum(c2));
    out[o2 + 3] = tail(w, 3 * n, x, x2, tail, n, VectorMath.sum(d2));
    out[o3] = tail(w, 0, x, x3, tail, n, VectorMath.sum(a3));
    out[o3 + 1] = tail(w, n, x, x3, tail, n, VectorMath.sum(b3));
    out[o3 + 2] = tail(w, 2 * n, x, x3, tail, n, VectorMath.sum(c3));
    out[o3 + 3] = tail(w, 3 * n, x, x3, tail, n, VectorMath.sum(d3));
  }

  /** {@link #tile4x4} for one token: {@code out[outOff + r] = w_r · x}. */
  static void tile4x1(float[] w, int n, float[] x, int xOff, float[] out, int outOff) {
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
    out[outOff] = tail(w, 0, x, xOff, i, n, VectorMath.sum(a0));
    out[outOff + 1] = tail(w, n, x, xOff, i, n, VectorMath.sum(a1));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, i, n, VectorMath.sum(a2));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, i, n, VectorMath.sum(a3));
  }

  /** One decoded row {@code w[wOff ..]} times one token: the order of the tiles for one pair. */
  static float tile1x1(float[] w, int wOff, int n, float[] x, int xOff) {
    FloatVector a = FloatVector.zero(F);
    int i = 0;
    for (; i + L <= n; i += L) {
      a = FloatVector.fromArray(F, w, wOff + i).fma(FloatVector.fromArray(F, x, xOff + i), a);
    }
    return tail(w, wOff, x, xOff, i, n, VectorMath.sum(a));
  }

  /** {@code sum} plus the products of elements {@code from .. n}, one fused multiply-add each. */
  private static float tail(float[] w, int wOff, float[] x, int xOff, int from, int n, float sum) {
    for (int i = from; i < n; i++) {
      sum = Math.fma(w[wOff + i], x[xOff + i], sum);
    }
    return sum;
  }
}
