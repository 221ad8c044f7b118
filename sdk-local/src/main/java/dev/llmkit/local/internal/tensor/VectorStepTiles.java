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
 * Vector API kernels of {@link TiledProducts}: up to four weight rows times up to two tokens per
 * register tile, each weight row decoded once per tile.
 *
 * <p><b>One operation order for every tile shape.</b> Each product {@code W[r] · x_t} is computed
 * the same way whichever kernel, tile shape or batch size computes it: the row is decoded to floats
 * exactly as {@link VectorTiles#decodeRow} decodes it (the same float operations, in registers or
 * into a scratch row); the L-lane chunks of the row (chunk c covers elements cL … cL + L − 1) go
 * into two accumulators by the parity of c, each {@code acc = w[chunk] * x[chunk] + acc} (one fused
 * multiply-add) in increasing c; then the two are added and their lanes summed in a fixed tree
 * ({@link VectorMath#sum}), and a tail shorter than L is added element by element with {@link
 * Math#fma}. So a sequence's result does not depend on how many others share its step. Two chains
 * instead of one halve the wait on the fused multiply-add's latency, which bounded a lone token's
 * step (two dependent multiply-adds per 32-weight block).
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
    return (w instanceof Q8_0Tensor || w instanceof Q4_0Tensor) && 32 % (2 * L) == 0;
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
    FloatVector even = FloatVector.zero(F);
    FloatVector odd = FloatVector.zero(F);
    for (int b = 0; b < blocks; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int xb = xOff + b * 32;
      for (int j = 0; j < 32; j += 2 * L) { // 32 / L chunks per block, an even number
        even = bytes(data, block + 2 + j).mul(d).fma(FloatVector.fromArray(F, x, xb + j), even);
        odd =
            bytes(data, block + 2 + j + L).mul(d).fma(FloatVector.fromArray(F, x, xb + j + L), odd);
      }
    }
    return VectorMath.sum(even.add(odd));
  }

  private static float q4_0Row(ByteBuffer data, int off, int blocks, float[] x, int xOff) {
    FloatVector even = FloatVector.zero(F);
    FloatVector odd = FloatVector.zero(F);
    for (int b = 0; b < blocks; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int xb = xOff + b * 32;
      if (L == 16) { // chunk 0: the low nibbles (elements 0..15), chunk 1: the high ones
        IntVector q = widened(data, block + 2);
        even = low(q).mul(d).fma(FloatVector.fromArray(F, x, xb), even);
        odd = high(q).mul(d).fma(FloatVector.fromArray(F, x, xb + 16), odd);
      } else { // L == 8: chunks 0, 1 low nibbles, chunks 2, 3 high ones
        IntVector q0 = widened(data, block + 2);
        IntVector q1 = widened(data, block + 2 + L);
        even = low(q0).mul(d).fma(FloatVector.fromArray(F, x, xb), even);
        odd = low(q1).mul(d).fma(FloatVector.fromArray(F, x, xb + L), odd);
        even = high(q0).mul(d).fma(FloatVector.fromArray(F, x, xb + 16), even);
        odd = high(q1).mul(d).fma(FloatVector.fromArray(F, x, xb + 16 + L), odd);
      }
    }
    return VectorMath.sum(even.add(odd));
  }

  /** L signed bytes as floats (as {@code VectorTiles.q8_0} decodes them). */
  static FloatVector bytes(ByteBuffer w, int off) {
    return (FloatVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(F, 0);
  }

  /** L Q4_0 bytes sign-extended to int lanes (both nibbles of each). */
  static IntVector widened(ByteBuffer w, int off) {
    return (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
  }

  /** The low nibbles minus 8, as floats (as {@code VectorTiles.q4_0} decodes them). */
  static FloatVector low(IntVector q) {
    return (FloatVector) q.and(0x0F).sub(8).castShape(F, 0);
  }

  /** The high nibbles minus 8, as floats. */
  static FloatVector high(IntVector q) {
    return (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8).castShape(F, 0);
  }

  /**
   * Four decoded rows {@code w_r = w[r * n ..]} times two tokens {@code x_j = x[xOff + j * xStride
   * ..]}: {@code out[outOff + j * outStride + r] = w_r · x_j} (sixteen accumulators: two chains for
   * each of the eight products).
   */
  static void tile4x2(
      float[] w, int n, float[] x, int xOff, int xStride, float[] out, int outOff, int outStride) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = FloatVector.zero(F);
    FloatVector d0 = FloatVector.zero(F);
    FloatVector d1 = FloatVector.zero(F);
    FloatVector a0o = FloatVector.zero(F);
    FloatVector a1o = FloatVector.zero(F);
    FloatVector b0o = FloatVector.zero(F);
    FloatVector b1o = FloatVector.zero(F);
    FloatVector c0o = FloatVector.zero(F);
    FloatVector c1o = FloatVector.zero(F);
    FloatVector d0o = FloatVector.zero(F);
    FloatVector d1o = FloatVector.zero(F);
    int x1 = xOff + xStride;
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      FloatVector u = FloatVector.fromArray(F, x, x1 + i);
      FloatVector r = FloatVector.fromArray(F, w, i);
      a0 = r.fma(v, a0);
      a1 = r.fma(u, a1);
      r = FloatVector.fromArray(F, w, n + i);
      b0 = r.fma(v, b0);
      b1 = r.fma(u, b1);
      r = FloatVector.fromArray(F, w, 2 * n + i);
      c0 = r.fma(v, c0);
      c1 = r.fma(u, c1);
      r = FloatVector.fromArray(F, w, 3 * n + i);
      d0 = r.fma(v, d0);
      d1 = r.fma(u, d1);
      int k = i + L;
      v = FloatVector.fromArray(F, x, xOff + k);
      u = FloatVector.fromArray(F, x, x1 + k);
      r = FloatVector.fromArray(F, w, k);
      a0o = r.fma(v, a0o);
      a1o = r.fma(u, a1o);
      r = FloatVector.fromArray(F, w, n + k);
      b0o = r.fma(v, b0o);
      b1o = r.fma(u, b1o);
      r = FloatVector.fromArray(F, w, 2 * n + k);
      c0o = r.fma(v, c0o);
      c1o = r.fma(u, c1o);
      r = FloatVector.fromArray(F, w, 3 * n + k);
      d0o = r.fma(v, d0o);
      d1o = r.fma(u, d1o);
    }
    if (i + L <= n) { // one more, even chunk
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      FloatVector u = FloatVector.fromArray(F, x, x1 + i);
      FloatVector r = FloatVector.fromArray(F, w, i);
      a0 = r.fma(v, a0);
      a1 = r.fma(u, a1);
      r = FloatVector.fromArray(F, w, n + i);
      b0 = r.fma(v, b0);
      b1 = r.fma(u, b1);
      r = FloatVector.fromArray(F, w, 2 * n + i);
      c0 = r.fma(v, c0);
      c1 = r.fma(u, c1);
      r = FloatVector.fromArray(F, w, 3 * n + i);
      d0 = r.fma(v, d0);
      d1 = r.fma(u, d1);
      i += L;
    }
    int o1 = outOff + outStride;
    out[outOff] = tail(w, 0, x, xOff, i, n, VectorMath.sum(a0.add(a0o)));
    out[outOff + 1] = tail(w, n, x, xOff, i, n, VectorMath.sum(b0.add(b0o)));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, i, n, VectorMath.sum(c0.add(c0o)));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, i, n, VectorMath.sum(d0.add(d0o)));
    out[o1] = tail(w, 0, x, x1, i, n, VectorMath.sum(a1.add(a1o)));
    out[o1 + 1] = tail(w, n, x, x1, i, n, VectorMath.sum(b1.add(b1o)));
    out[o1 + 2] = tail(w, 2 * n, x, x1, i, n, VectorMath.sum(c1.add(c1o)));
    out[o1 + 3] = tail(w, 3 * n, x, x1, i, n, VectorMath.sum(d1.add(d1o)));
  }

  /** {@link #tile4x2} for one token: {@code out[outOff + r] = w_r · x}. */
  static void tile4x1(float[] w, int n, float[] x, int xOff, float[] out, int outOff) {
    FloatVector a = FloatVector.zero(F);
    FloatVector b = FloatVector.zero(F);
    FloatVector c = FloatVector.zero(F);
    FloatVector d = FloatVector.zero(F);
    FloatVector ao = FloatVector.zero(F);
    FloatVector bo = FloatVector.zero(F);
    FloatVector co = FloatVector.zero(F);
    FloatVector dO = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      a = FloatVector.fromArray(F, w, i).fma(v, a);
      b = FloatVector.fromArray(F, w, n + i).fma(v, b);
      c = FloatVector.fromArray(F, w, 2 * n + i).fma(v, c);
      d = FloatVector.fromArray(F, w, 3 * n + i).fma(v, d);
      int k = i + L;
      v = FloatVector.fromArray(F, x, xOff + k);
      ao = FloatVector.fromArray(F, w, k).fma(v, ao);
      bo = FloatVector.fromArray(F, w, n + k).fma(v, bo);
      co = FloatVector.fromArray(F, w, 2 * n + k).fma(v, co);
      dO = FloatVector.fromArray(F, w, 3 * n + k).fma(v, dO);
    }
    if (i + L <= n) { // one more, even chunk
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      a = FloatVector.fromArray(F, w, i).fma(v, a);
      b = FloatVector.fromArray(F, w, n + i).fma(v, b);
      c = FloatVector.fromArray(F, w, 2 * n + i).fma(v, c);
      d = FloatVector.fromArray(F, w, 3 * n + i).fma(v, d);
      i += L;
    }
    out[outOff] = tail(w, 0, x, xOff, i, n, VectorMath.sum(a.add(ao)));
    out[outOff + 1] = tail(w, n, x, xOff, i, n, VectorMath.sum(b.add(bo)));
    out[outOff + 2] = tail(w, 2 * n, x, xOff, i, n, VectorMath.sum(c.add(co)));
    out[outOff + 3] = tail(w, 3 * n, x, xOff, i, n, VectorMath.sum(d.add(dO)));
  }

  /** One decoded row {@code w[wOff ..]} times one token: the order of the tiles for one pair. */
  static float tile1x1(float[] w, int wOff, int n, float[] x, int xOff) {
    FloatVector even = FloatVector.zero(F);
    FloatVector odd = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      even = FloatVector.fromArray(F, w, wOff + i).fma(FloatVector.fromArray(F, x, xOff + i), even);
      odd =
          FloatVector.fromArray(F, w, wOff + i + L)
              .fma(FloatVector.fromArray(F, x, xOff + i + L), odd);
    }
    if (i + L <= n) { // one more, even chunk
      even = FloatVector.fromArray(F, w, wOff + i).fma(FloatVector.fromArray(F, x, xOff + i), even);
      i += L;
    }
    return tail(w, wOff, x, xOff, i, n, VectorMath.sum(even.add(odd)));
  }

  /** {@code sum} plus the products of elements {@code from .. n}, one fused multiply-add each. */
  private static float tail(float[] w, int wOff, float[] x, int xOff, int from, int n, float sum) {
    for (int i = from; i < n; i++) {
      sum = Math.fma(w[wOff + i], x[xOff + i], sum);
    }
    return sum;
  }
}
