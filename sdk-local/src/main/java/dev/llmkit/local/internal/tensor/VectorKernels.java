package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of {@link ScalarKernels}. Loaded only by {@link KernelSelection} when the JVM
 * has {@code jdk.incubator.vector}. Quantized blocks are decoded in registers (bytes → floats) and
 * multiplied with {@code x} directly; nothing is dequantized into a temporary array. Works with 8 or
 * 16 float lanes (256- or 512-bit vectors, e.g. AVX2 and AVX-512); other shapes use the scalar kernels.
 */
public final class VectorKernels implements Kernels {
  public static final VectorKernels INSTANCE = new VectorKernels();

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  /** 32 bytes, one load per Q8_0 block or per 32-byte run of K-quant bits. */
  private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
  /** 0, 1, …, L − 1. */
  private static final IntVector LANE_INDEX = IntVector.zero(I).addIndex(1);
  /** Float vectors per 32 bytes. */
  private static final int PARTS = 32 / L;
  private static final float TWO_POW_112 = 0x1p112f;

  private VectorKernels() {}

  /** Whether the preferred vector shape is one these kernels handle (8 or 16 float lanes). */
  public static boolean isSupported() {
    return L == 8 || L == 16;
  }

  @Override
  public String name() {
    return "vector(" + F.vectorBitSize() + "-bit)";
  }

  private static FloatVector bytesToFloats(ByteVector v) {
    return (FloatVector) v.castShape(F, 0);
  }

  private static FloatVector loadBytes(ByteBuffer w, int off) {
    return bytesToFloats(ByteVector.fromByteBuffer(B, w, off, LE));
  }

  @Override
  public float dotF32(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    int upper = F.loopBound(n);
    int i = 0;
    for (; i < upper; i += L) {
      acc = FloatVector.fromByteBuffer(F, w, off + 4 * i, LE).fma(FloatVector.fromArray(F, x, xOff + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += w.getFloat(off + 4 * i) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    int upper = F.loopBound(n);
    int i = 0;
    for (; i < upper; i += L) {
      IntVector h = (IntVector) ShortVector.fromByteBuffer(S, w, off + 2 * i, LE).castShape(I, 0);
      IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
      // exponent and mantissa moved into float position, rebased from bias 15 to 127 by 2^112;
      // exact for normal and subnormal halves (weights hold no infinities or NaNs)
      FloatVector magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
          .reinterpretAsFloats().mul(TWO_POW_112);
      FloatVector value = magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
      acc = value.fma(FloatVector.fromArray(F, x, xOff + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += Float16.toFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotBF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    int upper = F.loopBound(n);
    int i = 0;
    for (; i < upper; i += L) {
      IntVector h = (IntVector) ShortVector.fromByteBuffer(S, w, off + 2 * i, LE).castShape(I, 0);
      FloatVector value = h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
      acc = value.fma(FloatVector.fromArray(F, x, xOff + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += Float16.bf16ToFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotQ8_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      int xb = xOff + b * 32;
      ByteVector q = ByteVector.fromByteBuffer(B32, w, block + 2, LE);
      FloatVector blockAcc = FloatVector.zero(F);
      for (int part = 0; part < PARTS; part++) {
        FloatVector wv = (FloatVector) q.castShape(F, part);
        blockAcc = wv.fma(FloatVector.fromArray(F, x, xb + part * L), blockAcc);
      }
      acc = blockAcc.fma(FloatVector.broadcast(F, Float16.toFloat(w.getShort(block))), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float dotQ4_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      int xb = xOff + b * 32;
      FloatVector blockAcc = FloatVector.zero(F);
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + 2 + j);
        FloatVector lo = toFloats(q.and(0x0F).sub(8));
        FloatVector hi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8));
        blockAcc = lo.fma(FloatVector.fromArray(F, x, xb + j), blockAcc);
        blockAcc = hi.fma(FloatVector.fromArray(F, x, xb + 16 + j), blockAcc);
      }
      acc = blockAcc.fma(FloatVector.broadcast(F, Float16.toFloat(w.getShort(block))), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float dotQ4_1(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q4_1Tensor.BLOCK_BYTES, Q4_1Tensor.QS, true, false);
  }

  @Override
  public float dotQ5_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q5_0Tensor.BLOCK_BYTES, Q5_0Tensor.QS, false, true);
  }

  @Override
  public float dotQ5_1(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q5_1Tensor.BLOCK_BYTES, Q5_1Tensor.QS, true, true);
  }

  /** Q4_1, Q5_0 and Q5_1 (see ScalarKernels#dotLegacy); fifth bits are picked per lane by shifting qh. */
  private static float dotLegacy(ByteBuffer w, int off, float[] x, int xOff, int n, int blockBytes,
      int qsAt, boolean hasMin, boolean fiveBit) {
    FloatVector acc = FloatVector.zero(F);
    int center = fiveBit && !hasMin ? 16 : 0;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      float d = Float16.toFloat(w.getShort(block));
      FloatVector scale = FloatVector.broadcast(F, d);
      FloatVector min = FloatVector.broadcast(F, hasMin ? Float16.toFloat(w.getShort(block + 2)) : 0f);
      IntVector qh = fiveBit ? IntVector.broadcast(I, w.getInt(block + (hasMin ? 4 : 2))) : null;
      int xb = xOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + qsAt + j);
        IntVector lo = q.and(0x0F);
        IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(0x0F);
        if (qh != null) {
          IntVector shift = LANE_INDEX.add(j);
          lo = lo.or(qh.lanewise(VectorOperators.LSHR, shift).and(1).lanewise(VectorOperators.LSHL, 4));
          hi = hi.or(qh.lanewise(VectorOperators.LSHR, shift.add(16)).and(1).lanewise(VectorOperators.LSHL, 4));
        }
        FloatVector wLo = toFloats(lo.sub(center)).fma(scale, min);
        FloatVector wHi = toFloats(hi.sub(center)).fma(scale, min);
        acc = wLo.fma(FloatVector.fromArray(F, x, xb + j), acc);
        acc = wHi.fma(FloatVector.fromArray(F, x, xb + 16 + j), acc);
      }
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float dotQ4_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotQ45K(w, off, x, xOff, n, false);
  }

  @Override
  public float dotQ5_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotQ45K(w, off, x, xOff, n, true);
  }

  /** Q4_K and Q5_K share their layout except for Q5_K's 32 bytes of fifth bits before qs. */
  private static float dotQ45K(ByteBuffer w, int off, float[] x, int xOff, int n, boolean fiveBit) {
    int blockBytes = fiveBit ? Q5_KTensor.BLOCK_BYTES : Q4_KTensor.BLOCK_BYTES;
    int qsAt = fiveBit ? 48 : 16;
    int[] scales = new int[8];
    int[] mins = new int[8];
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * blockBytes;
      int dAndMin = w.getInt(block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = Float16.toFloat((short) (dAndMin >>> 16));
      KQuants.unpackScales(w, block + 4, scales, mins);
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        FloatVector scaleLo = FloatVector.broadcast(F, d * scales[2 * c]);
        FloatVector minLo = FloatVector.broadcast(F, -dmin * mins[2 * c]);
        FloatVector scaleHi = FloatVector.broadcast(F, d * scales[2 * c + 1]);
        FloatVector minHi = FloatVector.broadcast(F, -dmin * mins[2 * c + 1]);
        for (int j = 0; j < 32; j += L) {
          IntVector q = loadWidened(w, block + qsAt + 32 * c + j);
          IntVector lo = q.and(0x0F);
          IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(0x0F);
          if (fiveBit) {
            IntVector h = loadWidened(w, block + 16 + j);
            lo = lo.or(h.lanewise(VectorOperators.LSHR, 2 * c).and(1).lanewise(VectorOperators.LSHL, 4));
            hi = hi.or(h.lanewise(VectorOperators.LSHR, 2 * c + 1).and(1).lanewise(VectorOperators.LSHL, 4));
          }
          FloatVector wLo = toFloats(lo).fma(scaleLo, minLo);
          FloatVector wHi = toFloats(hi).fma(scaleHi, minHi);
          acc = wLo.fma(FloatVector.fromArray(F, x, xb + 64 * c + j), acc);
          acc = wHi.fma(FloatVector.fromArray(F, x, xb + 64 * c + 32 + j), acc);
        }
      }
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float dotQ6_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        long scales = w.getLong(block + 192 + 8 * half); // 8 signed scales, one buffer read
        int xb = xOff + b * 256 + 128 * half;
        // quarter q of the half: elements 32q + l take the low (q < 2) or high nibble of
        // ql[32 (q % 2) + l] and bits 2q, 2q + 1 of qh[l]; 16 elements share a scale
        for (int quarter = 0; quarter < 4; quarter++) {
          int lowShift = (quarter >> 1) * 4;
          int lowAt = ql + 32 * (quarter & 1);
          for (int j = 0; j < 32; j += L) {
            IntVector low = loadWidened(w, lowAt + j).lanewise(VectorOperators.LSHR, lowShift).and(0x0F);
            IntVector high = loadWidened(w, qh + j).lanewise(VectorOperators.LSHR, 2 * quarter).and(3)
                .lanewise(VectorOperators.LSHL, 4);
            float scale = d * (byte) (scales >>> (8 * (2 * quarter + j / 16)));
            acc = toFloats(low.or(high).sub(32)).mul(scale)
                .fma(FloatVector.fromArray(F, x, xb + 32 * quarter + j), acc);
          }
        }
      }
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /**
   * L bytes widened to int lanes (sign-extended; nibble and bit extraction below masks the high
   * bits). Shifts and masks run on int lanes because x86 has no byte-lane shift instructions.
   */
  private static IntVector loadWidened(ByteBuffer w, int off) {
    return (IntVector) ByteVector.fromByteBuffer(B, w, off, LE).castShape(I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.castShape(F, 0);
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector acc = FloatVector.zero(F);
    int upper = F.loopBound(n);
    int i = 0;
    for (; i < upper; i += L) {
      acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    int upper = F.loopBound(n);
    int i = 0;
    for (; i < upper; i += L) {
      FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.broadcast(F, alpha), FloatVector.fromArray(F, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }
}
