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
 * Vector API kernels of {@link MultiDots}: one weight row, four activation rows. Per activation
 * row the operations are those of {@link VectorKernels#dotQ8_0(ByteBuffer, int, float[], int,
 * int)} and {@link VectorKernels#dotQ4_0(ByteBuffer, int, float[], int, int)} in the same order
 * (two accumulators for alternate blocks, the same partial-sum chain per block); only the loads
 * and decoding of the weights are shared. Loaded only when the vector kernels are active.
 */
final class VectorMultiDots {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorMultiDots() {}

  static void q8_0(ByteBuffer w, int off, float[] x, int x0, int x1, int x2, int x3, int n,
      float[] out) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
      {
        int block = off + b * Q8_0Tensor.BLOCK_BYTES;
        int xb = b * 32;
        FloatVector q = loadBytes(w, block + 2);
        FloatVector t0 = q.mul(FloatVector.fromArray(F, x, x0 + xb));
        FloatVector t1 = q.mul(FloatVector.fromArray(F, x, x1 + xb));
        FloatVector t2 = q.mul(FloatVector.fromArray(F, x, x2 + xb));
        FloatVector t3 = q.mul(FloatVector.fromArray(F, x, x3 + xb));
        for (int j = L; j < 32; j += L) {
          q = loadBytes(w, block + 2 + j);
          t0 = q.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0);
          t1 = q.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1);
          t2 = q.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2);
          t3 = q.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3);
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        a0 = t0.fma(d, a0);
        a1 = t1.fma(d, a1);
        a2 = t2.fma(d, a2);
        a3 = t3.fma(d, a3);
      }
      {
        int block = off + (b + 1) * Q8_0Tensor.BLOCK_BYTES;
        int xb = (b + 1) * 32;
        FloatVector q = loadBytes(w, block + 2);
        FloatVector t0 = q.mul(FloatVector.fromArray(F, x, x0 + xb));
        FloatVector t1 = q.mul(FloatVector.fromArray(F, x, x1 + xb));
        FloatVector t2 = q.mul(FloatVector.fromArray(F, x, x2 + xb));
        FloatVector t3 = q.mul(FloatVector.fromArray(F, x, x3 + xb));
        for (int j = L; j < 32; j += L) {
          q = loadBytes(w, block + 2 + j);
          t0 = q.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0);
          t1 = q.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1);
          t2 = q.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2);
          t3 = q.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3);
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        b0 = t0.fma(d, b0);
        b1 = t1.fma(d, b1);
        b2 = t2.fma(d, b2);
        b3 = t3.fma(d, b3);
      }
    }
    if (b < blocks) {
      {
        int block = off + b * Q8_0Tensor.BLOCK_BYTES;
        int xb = b * 32;
        FloatVector q = loadBytes(w, block + 2);
        FloatVector t0 = q.mul(FloatVector.fromArray(F, x, x0 + xb));
        FloatVector t1 = q.mul(FloatVector.fromArray(F, x, x1 + xb));
        FloatVector t2 = q.mul(FloatVector.fromArray(F, x, x2 + xb));
        FloatVector t3 = q.mul(FloatVector.fromArray(F, x, x3 + xb));
        for (int j = L; j < 32; j += L) {
          q = loadBytes(w, block + 2 + j);
          t0 = q.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0);
          t1 = q.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1);
          t2 = q.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2);
          t3 = q.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3);
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        a0 = t0.fma(d, a0);
        a1 = t1.fma(d, a1);
        a2 = t2.fma(d, a2);
        a3 = t3.fma(d, a3);
      }
    }
    out[0] = a0.add(b0).reduceLanes(VectorOperators.ADD);
    out[1] = a1.add(b1).reduceLanes(VectorOperators.ADD);
    out[2] = a2.add(b2).reduceLanes(VectorOperators.ADD);
    out[3] = a3.add(b3).reduceLanes(VectorOperators.ADD);
  }

  static void q4_0(ByteBuffer w, int off, float[] x, int x0, int x1, int x2, int x3, int n,
      float[] out) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    FloatVector b0 = FloatVector.zero(F);
    FloatVector b1 = FloatVector.zero(F);
    FloatVector b2 = FloatVector.zero(F);
    FloatVector b3 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
      {
        int block = off + b * Q4_0Tensor.BLOCK_BYTES;
        int xb = b * 32;
        IntVector q = loadWidened(w, block + 2);
        FloatVector lo = toFloats(q.and(0x0F).sub(8));
        FloatVector hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
        FloatVector t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x0 + xb)));
        FloatVector t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x1 + xb)));
        FloatVector t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x2 + xb)));
        FloatVector t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x3 + xb)));
        for (int j = L; j < 16; j += L) {
          q = loadWidened(w, block + 2 + j);
          lo = toFloats(q.and(0x0F).sub(8));
          hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
          t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0));
          t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1));
          t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2));
          t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3));
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        a0 = t0.fma(d, a0);
        a1 = t1.fma(d, a1);
        a2 = t2.fma(d, a2);
        a3 = t3.fma(d, a3);
      }
      {
        int block = off + (b + 1) * Q4_0Tensor.BLOCK_BYTES;
        int xb = (b + 1) * 32;
        IntVector q = loadWidened(w, block + 2);
        FloatVector lo = toFloats(q.and(0x0F).sub(8));
        FloatVector hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
        FloatVector t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x0 + xb)));
        FloatVector t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x1 + xb)));
        FloatVector t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x2 + xb)));
        FloatVector t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x3 + xb)));
        for (int j = L; j < 16; j += L) {
          q = loadWidened(w, block + 2 + j);
          lo = toFloats(q.and(0x0F).sub(8));
          hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
          t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0));
          t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1));
          t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2));
          t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3));
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        b0 = t0.fma(d, b0);
        b1 = t1.fma(d, b1);
        b2 = t2.fma(d, b2);
        b3 = t3.fma(d, b3);
      }
    }
    if (b < blocks) {
      {
        int block = off + b * Q4_0Tensor.BLOCK_BYTES;
        int xb = b * 32;
        IntVector q = loadWidened(w, block + 2);
        FloatVector lo = toFloats(q.and(0x0F).sub(8));
        FloatVector hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
        FloatVector t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x0 + xb)));
        FloatVector t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x1 + xb)));
        FloatVector t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x2 + xb)));
        FloatVector t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16), lo.mul(FloatVector.fromArray(F, x, x3 + xb)));
        for (int j = L; j < 16; j += L) {
          q = loadWidened(w, block + 2 + j);
          lo = toFloats(q.and(0x0F).sub(8));
          hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
          t0 = hi.fma(FloatVector.fromArray(F, x, x0 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x0 + xb + j), t0));
          t1 = hi.fma(FloatVector.fromArray(F, x, x1 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x1 + xb + j), t1));
          t2 = hi.fma(FloatVector.fromArray(F, x, x2 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x2 + xb + j), t2));
          t3 = hi.fma(FloatVector.fromArray(F, x, x3 + xb + 16 + j), lo.fma(FloatVector.fromArray(F, x, x3 + xb + j), t3));
        }
        FloatVector d = FloatVector.broadcast(F, Float16.toFloat(w.getShort(block)));
        a0 = t0.fma(d, a0);
        a1 = t1.fma(d, a1);
        a2 = t2.fma(d, a2);
        a3 = t3.fma(d, a3);
      }
    }
    out[0] = a0.add(b0).reduceLanes(VectorOperators.ADD);
    out[1] = a1.add(b1).reduceLanes(VectorOperators.ADD);
    out[2] = a2.add(b2).reduceLanes(VectorOperators.ADD);
    out[3] = a3.add(b3).reduceLanes(VectorOperators.ADD);
  }

  private static FloatVector loadBytes(ByteBuffer w, int off) {
    return (FloatVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(F, 0);
  }

  private static IntVector loadWidened(ByteBuffer w, int off) {
    return (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.castShape(F, 0);
  }
}
