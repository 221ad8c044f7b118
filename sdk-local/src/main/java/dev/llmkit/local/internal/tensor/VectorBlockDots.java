package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
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
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** 0, 1, …, L − 1. */
  private static final IntVector LANE_INDEX = IntVector.zero(I).addIndex(1);

  /**
   * Per element k of a Q5_0 block's first (second) 16: the left shift that takes bit k (16 + k) of
   * qh to bit 31 ({@link #dotQ5_0}).
   */
  static final int[] FIFTH_LOW = new int[16];

  static final int[] FIFTH_HIGH = new int[16];

  static {
    for (int k = 0; k < 16; k++) {
      FIFTH_LOW[k] = 31 - k;
      FIFTH_HIGH[k] = 15 - k;
    }
  }

  private VectorBlockDots() {}

  /** The table of per-format vector kernels; formats without an entry decode to a scratch. */
  static float dot(BlockFormat format, ByteBuffer w, int off, float[] x, int xOff, int n) {
    if (hasRowKernel(format.type())) {
      return dot(
          format.type(),
          WeightBytes.row(w, off, n / format.blockSize * format.blockBytes),
          x,
          xOff,
          n);
    }
    return decodeAndDot(format, w, off, x, xOff, n);
  }

  /** Whether {@code type} has a kernel of its own over a copied row. */
  static boolean hasRowKernel(GgmlType type) {
    switch (type) {
      case Q2_K:
      case Q3_K:
      case Q4_1:
      case Q5_0:
      case Q5_1:
      case Q5_K:
      case IQ4_NL:
      case IQ4_XS:
        return true;
      default:
        return false;
    }
  }

  /** The row at {@code w[0]} of a type with {@link #hasRowKernel}. */
  static float dot(GgmlType type, byte[] w, float[] x, int xOff, int n) {
    int off = 0;
    switch (type) {
      case Q2_K:
        return dotQ2_K(w, off, x, xOff, n);
      case Q3_K:
        return dotQ3_K(w, off, x, xOff, n);
      case Q4_1:
        return dotQ4_1(w, off, x, xOff, n);
      case Q5_0:
        return dotQ5_0(w, off, x, xOff, n);
      case Q5_1:
        return dotQ5_1(w, off, x, xOff, n);
      case Q5_K:
        return dotQ5_K(w, off, x, xOff, n);
      case IQ4_NL:
        return dotIQ4_NL(w, off, x, xOff, n);
      case IQ4_XS:
        return dotIQ4_XS(w, off, x, xOff, n);
      default:
        throw new IllegalStateException("no vector kernel for " + type);
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
    return VectorMath.sum(acc) + tail;
  }

  /** Q2_K: per pair of sub-blocks sharing a bit shift, one accumulator each (see Q2_KFormat). */
  static float dotQ2_K(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 84;
      float d = Float16.toFloat(WeightBytes.getShort(w, at + Q2_KFormat.D));
      float dmin = Float16.toFloat(WeightBytes.getShort(w, at + Q2_KFormat.D + 2));
      for (int half = 0; half < 2; half++) {
        int q = at + Q2_KFormat.QS + 32 * half;
        for (int j = 0; j < 4; j++) {
          int sub = 8 * half + 2 * j;
          int scA = w[at + sub] & 0xFF;
          int scB = w[at + sub + 1] & 0xFF;
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
    return VectorMath.sum(acc0.add(acc1));
  }

  /** Q3_K: q = low − 4 + 4·high per lane, scaled per sub-block (see Q3_KFormat). */
  static float dotQ3_K(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 110;
      float d = Float16.toFloat(WeightBytes.getShort(w, at + Q3_KFormat.D));
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
    return VectorMath.sum(acc0.add(acc1));
  }

  /**
   * L Q3_K quants: 2 low bits of the bytes at {@code low}, one high bit of those at {@code high}.
   */
  private static IntVector quant3(byte[] w, int low, int high, int shift, int bit) {
    IntVector lo = loadWidened(w, low).lanewise(VectorOperators.LSHR, shift).and(3);
    IntVector hi = loadWidened(w, high).lanewise(VectorOperators.LSHR, bit).and(1);
    return lo.sub(4).add(hi.lanewise(VectorOperators.LSHL, 2));
  }

  static float dotQ4_1(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector accLo = FloatVector.zero(F);
    FloatVector accHi = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * LegacyFormat.Q4_1.blockBytes;
      FloatVector scale = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block)));
      FloatVector min =
          FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block + 2)));
      int xb = xOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + LegacyFormat.Q4_1.qs + j);
        FloatVector wLo = toFloats(q.and(0x0F)).fma(scale, min);
        FloatVector wHi = toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F)).fma(scale, min);
        accLo = wLo.fma(FloatVector.fromArray(F, x, xb + j), accLo);
        accHi = wHi.fma(FloatVector.fromArray(F, x, xb + 16 + j), accHi);
      }
    }
    return VectorMath.sum(accLo.add(accHi));
  }

  /**
   * Q5_0, element = d·(q − 16) with q = nibble + 16·(fifth bit): q − 16 is the nibble with every
   * higher bit set to the inverted fifth bit (nibble − 16 when it is 0, the nibble when it is 1),
   * so each lane's value is one variable shift of the inverted qh (its bit to the top), one
   * arithmetic shift (the top bit to every bit) and one bitwise blend with the nibble, with no
   * offset to subtract. The products of a block are summed before its scale multiplies them once.
   * The kernel this replaced used two more operations per lane for the fifth bit and a multiply-add
   * per lane for the scale and offset (BENCHMARKS.md, session 21). {@link SegmentLoads#dotQ5_0}
   * reads mapped rows in place with the same operations, and {@link VectorStepDots} runs them for
   * four tokens.
   */
  static float dotQ5_0(byte[] w, int off, float[] x, int xOff, int n) {
    int blockBytes = LegacyFormat.Q5_0.blockBytes;
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      IntVector notHigh = IntVector.broadcast(I, ~WeightBytes.getInt(w, block + 2));
      int xb = xOff + 32 * b;
      FloatVector t = FloatVector.zero(F);
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + 6 + j);
        IntVector lo =
            notHigh
                .lanewise(VectorOperators.LSHL, IntVector.fromArray(I, FIFTH_LOW, j))
                .lanewise(VectorOperators.ASHR, 31)
                .bitwiseBlend(q, 0x0F);
        IntVector hi =
            notHigh
                .lanewise(VectorOperators.LSHL, IntVector.fromArray(I, FIFTH_HIGH, j))
                .lanewise(VectorOperators.ASHR, 31)
                .bitwiseBlend(q.lanewise(VectorOperators.ASHR, 4), 0x0F);
        t = toFloats(lo).fma(FloatVector.fromArray(F, x, xb + j), t);
        t = toFloats(hi).fma(FloatVector.fromArray(F, x, xb + 16 + j), t);
      }
      acc = t.fma(FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block))), acc);
    }
    return VectorMath.sum(acc);
  }

  /**
   * Q5_1, element = d·q + m: bit i of qh, picked per lane by a variable shift, is the fifth bit of
   * element i.
   */
  static float dotQ5_1(byte[] w, int off, float[] x, int xOff, int n) {
    int blockBytes = LegacyFormat.Q5_1.blockBytes;
    int qsAt = LegacyFormat.Q5_1.qs;
    FloatVector accLo = FloatVector.zero(F);
    FloatVector accHi = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      FloatVector scale = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block)));
      FloatVector min =
          FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, block + 2)));
      IntVector qh = IntVector.broadcast(I, WeightBytes.getInt(w, block + LegacyFormat.Q5_1.qh));
      int xb = xOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, block + qsAt + j);
        IntVector shift = LANE_INDEX.add(j);
        IntVector lo =
            q.and(0x0F)
                .or(
                    qh.lanewise(VectorOperators.LSHR, shift)
                        .and(1)
                        .lanewise(VectorOperators.LSHL, 4));
        IntVector hi =
            q.lanewise(VectorOperators.LSHR, 4)
                .and(0x0F)
                .or(
                    qh.lanewise(VectorOperators.LSHR, shift.add(16))
                        .and(1)
                        .lanewise(VectorOperators.LSHL, 4));
        accLo = toFloats(lo).fma(scale, min).fma(FloatVector.fromArray(F, x, xb + j), accLo);
        accHi = toFloats(hi).fma(scale, min).fma(FloatVector.fromArray(F, x, xb + 16 + j), accHi);
      }
    }
    return VectorMath.sum(accLo.add(accHi));
  }

  /** One Q5_K row: {@link #dotQ5_K(byte[], int, float[], int, int, float[])}, its own sums of x. */
  static float dotQ5_K(byte[] w, int off, float[] x, int xOff, int n) {
    float[] sums = ProductScratch.sums(n / 32);
    subBlockSums(x, xOff, n, sums);
    return dotQ5_K(w, off, x, xOff, n, sums);
  }

  /**
   * {@code sums[k] = Σ x} over sub-block k (32 elements) of {@code x[xOff ..]}, in {@link
   * VectorMath#sum}'s fixed order: the same for every row of a product.
   */
  static void subBlockSums(float[] x, int xOff, int n, float[] sums) {
    for (int k = 0; k < n / 32; k++) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + 32 * k);
      for (int j = L; j < 32; j += L) {
        v = v.add(FloatVector.fromArray(F, x, xOff + 32 * k + j));
      }
      sums[k] = VectorMath.sum(v);
    }
  }

  /**
   * The Q5_K row at {@code w[off]}, element = d·scale·q − dmin·min with q = nibble + 16·(fifth
   * bit): {@code Σ d·scale·(Σ q·x) − Σ dmin·min·(Σ x)} over the sub-blocks, the sums of x given
   * ({@link #subBlockSums}). A lane's q is its qh byte shifted left to put its bit at bit 31, right
   * by 27 to put it at bit 4 with nothing above, and a bitwise blend with the nibble (three vector
   * operations where the kernel this replaced took five and a multiply-add per lane for scale and
   * min).
   */
  static float dotQ5_K(byte[] w, int off, float[] x, int xOff, int n, float[] sums) {
    int[] scales = new int[8];
    int[] mins = new int[8];
    FloatVector acc = FloatVector.zero(F);
    float minTerm = 0f;
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q5_KFormat.INSTANCE.blockBytes;
      int dAndMin = WeightBytes.getInt(w, block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = Float16.toFloat((short) (dAndMin >>> 16));
      KQuants.unpackScales(w, block + 4, scales, mins);
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        FloatVector tLo = FloatVector.zero(F);
        FloatVector tHi = FloatVector.zero(F);
        for (int j = 0; j < 32; j += L) {
          IntVector q = loadWidened(w, block + 48 + 32 * c + j);
          IntVector h = loadWidened(w, block + 16 + j);
          IntVector lo =
              h.lanewise(VectorOperators.LSHL, 31 - 2 * c)
                  .lanewise(VectorOperators.LSHR, 27)
                  .bitwiseBlend(q, 0x0F);
          IntVector hi =
              h.lanewise(VectorOperators.LSHL, 30 - 2 * c)
                  .lanewise(VectorOperators.LSHR, 27)
                  .bitwiseBlend(q.lanewise(VectorOperators.LSHR, 4), 0x0F);
          tLo = toFloats(lo).fma(FloatVector.fromArray(F, x, xb + 64 * c + j), tLo);
          tHi = toFloats(hi).fma(FloatVector.fromArray(F, x, xb + 64 * c + 32 + j), tHi);
        }
        acc = tLo.fma(FloatVector.broadcast(F, d * scales[2 * c]), acc);
        acc = tHi.fma(FloatVector.broadcast(F, d * scales[2 * c + 1]), acc);
        minTerm += dmin * mins[2 * c] * sums[8 * b + 2 * c];
        minTerm += dmin * mins[2 * c + 1] * sums[8 * b + 2 * c + 1];
      }
    }
    return VectorMath.sum(acc) - minTerm;
  }

  /** IQ4_NL's grid as int lanes: all 16 values (L = 16), or values 0..7 and 8..15 (L = 8). */
  private static final IntVector GRID_LOW = grid(0);

  private static final IntVector GRID_HIGH = grid(L == 16 ? 0 : 8);

  private static IntVector grid(int from) {
    int[] values = new int[L];
    for (int i = 0; i < L; i++) {
      values[i] = (int) IQ4_NLFormat.VALUES[(from + i) % 16];
    }
    return IntVector.fromArray(I, values, 0);
  }

  /** IQ4_NL: nibbles looked up in the grid by a lane permutation, then d·Σ grid[q]·x per block. */
  static float dotIQ4_NL(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 32; b++) {
      int at = off + b * 18;
      FloatVector d = FloatVector.broadcast(F, Float16.toFloat(WeightBytes.getShort(w, at)));
      int xb = xOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = loadWidened(w, at + 2 + j);
        FloatVector lo = toFloats(lookup(q.and(0x0F))).mul(d);
        FloatVector hi = toFloats(lookup(q.lanewise(VectorOperators.LSHR, 4).and(0x0F))).mul(d);
        acc0 = lo.fma(FloatVector.fromArray(F, x, xb + j), acc0);
        acc1 = hi.fma(FloatVector.fromArray(F, x, xb + 16 + j), acc1);
      }
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /** IQ4_XS: as IQ4_NL per sub-block of 32, scaled by d·(scale − 32) (see IQ4_XSFormat). */
  static float dotIQ4_XS(byte[] w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 136;
      float d = Float16.toFloat(WeightBytes.getShort(w, at));
      for (int s = 0; s < 8; s++) {
        FloatVector dl = FloatVector.broadcast(F, d * IQ4_XSFormat.scale(w, at, s));
        int q = at + IQ4_XSFormat.QS + 16 * s;
        int xb = xOff + b * 256 + 32 * s;
        for (int j = 0; j < 16; j += L) {
          IntVector v = loadWidened(w, q + j);
          FloatVector lo = toFloats(lookup(v.and(0x0F))).mul(dl);
          FloatVector hi = toFloats(lookup(v.lanewise(VectorOperators.LSHR, 4).and(0x0F))).mul(dl);
          acc0 = lo.fma(FloatVector.fromArray(F, x, xb + j), acc0);
          acc1 = hi.fma(FloatVector.fromArray(F, x, xb + 16 + j), acc1);
        }
      }
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /** grid[index] per lane, index in 0..15. */
  private static IntVector lookup(IntVector index) {
    if (L == 16) {
      return index.selectFrom(GRID_LOW);
    }
    IntVector low = index.and(7);
    return low.selectFrom(GRID_LOW)
        .blend(low.selectFrom(GRID_HIGH), index.compare(VectorOperators.GE, 8));
  }

  /** L bytes widened to int lanes (sign-extended; callers mask the bits they use). */
  private static IntVector loadWidened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
