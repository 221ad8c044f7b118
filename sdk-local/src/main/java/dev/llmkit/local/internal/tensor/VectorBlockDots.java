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
 * Vector API dot products of {@link BlockFormat} rows, for {@link VectorKernels}. A format listed
 * in {@link #dot} has its own kernel that decodes quants in registers; any other format is decoded
 * block by block into a float scratch and multiplied with vectors ({@link #decodeAndDot}).
 */
final class VectorBlockDots {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorBlockDots() {}

  /** The table of per-format vector kernels; formats without an entry decode to a scratch. */
  static float dot(BlockFormat format, ByteBuffer w, int off, float[] x, int xOff, int n) {
    switch (format.type()) {
      case Q2_K: return dotQ2_K(w, off, x, xOff, n);
      case Q3_K: return dotQ3_K(w, off, x, xOff, n);
      default: return decodeAndDot(format, w, off, x, xOff, n);
    }
  }

  /** Any format: each block decoded by {@link BlockFormat#decode}, then FMAs with x. */
  static float decodeAndDot(BlockFormat format, ByteBuffer w, int off, float[] x, int xOff, int n) {
    int size = format.blockSize;
    float[] block = new float[size];
    FloatVector acc = FloatVector.zero(F);
    float tail = 0f;
    for (int b = 0; b < n / size; b++) {
      format.decode(w, off + b * format.blockBytes, block, 0);
      int xb = xOff + b * size;
      int i = 0;
      for (; i + L <= size; i += L) {
        acc = FloatVector.fromArray(F, block, i).fma(FloatVector.fromArray(F, x, xb + i), acc);
      }
      for (; i < size; i++) {
        tail += block[i] * x[xb + i];
      }
    }
    return acc.reduceLanes(VectorOperators.ADD) + tail;
  }

  /** Q2_K: per pair of sub-blocks sharing a bit shift, one accumulator each (see Q2_KFormat). */
  static float dotQ2_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 84;
      float d = Float16.toFloat(w.getShort(at + Q2_KFormat.D));
      float dmin = Float16.toFloat(w.getShort(at + Q2_KFormat.D + 2));
      for (int half = 0; half < 2; half++) {
        int q = at + Q2_KFormat.QS + 32 * half;
        for (int j = 0; j < 4; j++) {
          int sub = 8 * half + 2 * j;
          int scA = w.get(at + sub) & 0xFF;
          int scB = w.get(at + sub + 1) & 0xFF;
          FloatVector dA = FloatVector.broadcast(F, d * (scA & 0x0F));
          FloatVector mA = FloatVector.broadcast(F, -dmin * (scA >>> 4));
          FloatVector dB = FloatVector.broadcast(F, d * (scB & 0x0F));
          FloatVector mB = FloatVector.broadcast(F, -dmin * (scB >>> 4));
          int xb = xOff + b * 256 + 128 * half + 32 * j;
          for (int k = 0; k < 16; k += L) {
            IntVector qa = loadWidened(w, q + k).lanewise(VectorOperators.LSHR, 2 * j).and(3);
            IntVector qb = loadWidened(w, q + 16 + k).lanewise(VectorOperators.LSHR, 2 * j).and(3);
            acc0 = toFloats(qa).fma(dA, mA).fma(FloatVector.fromArray(F, x, xb + k), acc0);
            acc1 = toFloats(qb).fma(dB, mB).fma(FloatVector.fromArray(F, x, xb + 16 + k), acc1);
          }
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /** Q3_K: q = low − 4 + 4·high per lane, scaled per sub-block (see Q3_KFormat). */
  static float dotQ3_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 110;
      float d = Float16.toFloat(w.getShort(at + Q3_KFormat.D));
      for (int half = 0; half < 2; half++) {
        int q = at + Q3_KFormat.QS + 32 * half;
        for (int j = 0; j < 4; j++) {
          int sub = 8 * half + 2 * j;
          FloatVector dA = FloatVector.broadcast(F, d * Q3_KFormat.scale(w, at, sub));
          FloatVector dB = FloatVector.broadcast(F, d * Q3_KFormat.scale(w, at, sub + 1));
          int bit = 4 * half + j;
          int xb = xOff + b * 256 + 128 * half + 32 * j;
          for (int k = 0; k < 16; k += L) {
            IntVector qa = quant3(w, q + k, at + k, 2 * j, bit);
            IntVector qb = quant3(w, q + 16 + k, at + 16 + k, 2 * j, bit);
            acc0 = toFloats(qa).mul(dA).fma(FloatVector.fromArray(F, x, xb + k), acc0);
            acc1 = toFloats(qb).mul(dB).fma(FloatVector.fromArray(F, x, xb + 16 + k), acc1);
          }
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /** L Q3_K quants: 2 low bits of the bytes at {@code low}, one high bit of those at {@code high}. */
  private static IntVector quant3(ByteBuffer w, int low, int high, int shift, int bit) {
    IntVector lo = loadWidened(w, low).lanewise(VectorOperators.LSHR, shift).and(3);
    IntVector hi = loadWidened(w, high).lanewise(VectorOperators.LSHR, bit).and(1);
    return lo.sub(4).add(hi.lanewise(VectorOperators.LSHL, 2));
  }

  /** L bytes widened to int lanes (sign-extended; callers mask the bits they use). */
  private static IntVector loadWidened(ByteBuffer w, int off) {
    return (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.castShape(F, 0);
  }
}
