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
 * The single-token step kernels of {@link TiledProducts} for Q8_0 and Q4_0: one weight row times
 * one token, the blocks decoded in registers ({@link VectorStepDots} runs the same operations for
 * four tokens at a time).
 *
 * <p><b>One operation order.</b> Each product {@code W[r] · x_t} is computed the same way whichever
 * kernel or batch size computes it: each chunk of L weights is decoded to floats as {@link
 * VectorTiles#decodeRow} decodes it ({@code q·d}); the chunks (chunk c covers elements cL … cL + L
 * − 1) go into two accumulators by the parity of c, each {@code acc = w[chunk] * x[chunk] + acc}
 * (one fused multiply-add) in increasing c; then the two are added and their lanes summed in a
 * fixed tree ({@link VectorMath#sum}). So a sequence's result does not depend on how many others
 * share its step. Two chains instead of one halve the wait on the fused multiply-add's latency,
 * which bounded a lone token's step (two dependent multiply-adds per 32-weight block).
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
   * {@code q8_0Row} for four tokens: each chunk of L weights decoded and scaled once ({@code q·d}),
   * then into each token's accumulator of the chunk's parity.
   */
  static void q8_0Four(
      ByteBuffer w,
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
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      int e = b * 32;
      for (int j = 0; j < 32; j += 2 * L) {
        FloatVector ve = bytes(w, block + 2 + j).mul(d);
        FloatVector vo = bytes(w, block + 2 + j + L).mul(d);
        int ie = e + j;
        int io = ie + L;
        e0 = ve.fma(FloatVector.fromArray(F, x, x0 + ie), e0);
        o0 = vo.fma(FloatVector.fromArray(F, x, x0 + io), o0);
        e1 = ve.fma(FloatVector.fromArray(F, x, x1 + ie), e1);
        o1 = vo.fma(FloatVector.fromArray(F, x, x1 + io), o1);
        e2 = ve.fma(FloatVector.fromArray(F, x, x2 + ie), e2);
        o2 = vo.fma(FloatVector.fromArray(F, x, x2 + io), o2);
        e3 = ve.fma(FloatVector.fromArray(F, x, x3 + ie), e3);
        o3 = vo.fma(FloatVector.fromArray(F, x, x3 + io), o3);
      }
    }
    out[p0] = VectorMath.sum(e0.add(o0));
    out[p1] = VectorMath.sum(e1.add(o1));
    out[p2] = VectorMath.sum(e2.add(o2));
    out[p3] = VectorMath.sum(e3.add(o3));
  }

  /**
   * {@code q4_0Row} for four tokens: each chunk of L weights decoded and scaled once ({@code
   * (nibble − 8)·d}), then into each token's accumulator of the chunk's parity.
   */
  static void q4_0Four(
      ByteBuffer w,
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
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      int e = b * 32;
      if (L == 16) { // chunk 0: the low nibbles (elements 0..15), chunk 1: the high ones
        IntVector q = widened(w, block + 2);
        FloatVector ve = low(q).mul(d);
        FloatVector vo = high(q).mul(d);
        int ie = e;
        int io = e + 16;
        e0 = ve.fma(FloatVector.fromArray(F, x, x0 + ie), e0);
        o0 = vo.fma(FloatVector.fromArray(F, x, x0 + io), o0);
        e1 = ve.fma(FloatVector.fromArray(F, x, x1 + ie), e1);
        o1 = vo.fma(FloatVector.fromArray(F, x, x1 + io), o1);
        e2 = ve.fma(FloatVector.fromArray(F, x, x2 + ie), e2);
        o2 = vo.fma(FloatVector.fromArray(F, x, x2 + io), o2);
        e3 = ve.fma(FloatVector.fromArray(F, x, x3 + ie), e3);
        o3 = vo.fma(FloatVector.fromArray(F, x, x3 + io), o3);
      } else { // L == 8: chunks 0, 1 low nibbles, chunks 2, 3 high ones
        IntVector q0 = widened(w, block + 2);
        IntVector q1 = widened(w, block + 2 + L);
        FloatVector ve = low(q0).mul(d);
        FloatVector vo = low(q1).mul(d);
        int ie = e;
        int io = e + L;
        e0 = ve.fma(FloatVector.fromArray(F, x, x0 + ie), e0);
        o0 = vo.fma(FloatVector.fromArray(F, x, x0 + io), o0);
        e1 = ve.fma(FloatVector.fromArray(F, x, x1 + ie), e1);
        o1 = vo.fma(FloatVector.fromArray(F, x, x1 + io), o1);
        e2 = ve.fma(FloatVector.fromArray(F, x, x2 + ie), e2);
        o2 = vo.fma(FloatVector.fromArray(F, x, x2 + io), o2);
        e3 = ve.fma(FloatVector.fromArray(F, x, x3 + ie), e3);
        o3 = vo.fma(FloatVector.fromArray(F, x, x3 + io), o3);
        ve = high(q0).mul(d);
        vo = high(q1).mul(d);
        ie = e + 16;
        io = e + 16 + L;
        e0 = ve.fma(FloatVector.fromArray(F, x, x0 + ie), e0);
        o0 = vo.fma(FloatVector.fromArray(F, x, x0 + io), o0);
        e1 = ve.fma(FloatVector.fromArray(F, x, x1 + ie), e1);
        o1 = vo.fma(FloatVector.fromArray(F, x, x1 + io), o1);
        e2 = ve.fma(FloatVector.fromArray(F, x, x2 + ie), e2);
        o2 = vo.fma(FloatVector.fromArray(F, x, x2 + io), o2);
        e3 = ve.fma(FloatVector.fromArray(F, x, x3 + ie), e3);
        o3 = vo.fma(FloatVector.fromArray(F, x, x3 + io), o3);
      }
    }
    out[p0] = VectorMath.sum(e0.add(o0));
    out[p1] = VectorMath.sum(e1.add(o1));
    out[p2] = VectorMath.sum(e2.add(o2));
    out[p3] = VectorMath.sum(e3.add(o3));
  }
}
