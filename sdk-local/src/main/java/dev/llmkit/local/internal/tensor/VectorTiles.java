package dev.llmkit.local.internal.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The prompt-batch pieces of {@link VectorKernels}: decoding a weight row to floats in vector
 * registers ({@link #decodeRow}), and the 4 rows × 4 tokens register tile ({@link #dot4x4}) that
 * {@link MatMul#matMat} runs over the decoded rows. The scalar {@link FloatTensor#dequantizeRow}
 * costs more per row than multiplying it with a 32-token batch; decoded here it costs a few
 * percent, so each weight block is decoded once per batch and the batch runs at F32 FMA speed.
 * Types without a decoder here fall back to the tensor's own {@code dequantizeRow}.
 */
final class VectorTiles {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Byte> SB = VectorSpecies.of(byte.class, S.vectorShape());
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorTiles() {}

  /** Row {@code row} of {@code w} as floats into {@code out[outOff .. outOff + cols)}. */
  static void decodeRow(FloatTensor w, int row, float[] out, int outOff) {
    decodeRows(w, row, 1, out, outOff);
  }

  /**
   * Rows {@code r0 .. r0 + count − 1} of {@code w} as floats, one after the other, into {@code
   * out[outOff ..]}, the rows copied from the mapped file in one bulk read ({@link WeightBytes}).
   */
  static void decodeRows(FloatTensor w, int r0, int count, float[] out, int outOff) {
    int n = w.cols;
    Decoder decoder = decoder(w);
    if (decoder == null) {
      for (int i = 0; i < count; i++) {
        w.dequantizeRow(r0 + i, out, outOff + i * n);
      }
      return;
    }
    // the mapped bytes stay valid next to an on-heap copy
    int rowBytes = w.rowBytes;
    byte[] a = WeightBytes.row(w.data, w.rowOffset(r0), count * rowBytes);
    for (int i = 0; i < count; i++) {
      decoder.decode(a, i * rowBytes, out, outOff + i * n, n);
    }
  }

  /** Whether {@link #decodeRow} has a register kernel for {@code w}'s type. */
  static boolean decodesInRegisters(FloatTensor w) {
    return decoder(w) != null;
  }

  private static @Nullable Decoder decoder(FloatTensor w) {
    if (w instanceof Q8_0Tensor) {
      return Decoder.Q8_0;
    } else if (w instanceof Q4_0Tensor) {
      return Decoder.Q4_0;
    } else if (w instanceof Q4_KTensor) {
      return Decoder.Q4_K;
    } else if (w instanceof Q6_KTensor) {
      return Decoder.Q6_K;
    } else if (w instanceof F16Tensor) {
      return Decoder.F16;
    } else if (w instanceof BlockTensor && ((BlockTensor) w).format() == LegacyFormat.Q5_0) {
      return Decoder.Q5_0;
    }
    return null;
  }

  /**
   * The decode kernels, one constant (its own class) per type, so that the call in {@link
   * #decodeRows} is virtual and megamorphic (the warm-up runs every type) and C2 compiles each
   * kernel as a method of its own. Dispatched by {@code instanceof} in one method, all the kernels
   * the warm-up had made hot were inlined into it, past C2's node budget ({@code
   * NodeCountInliningCutoff}), and some ran in the Vector API's boxing fallback: on JDK 17, SmolLM2
   * and Qwen2.5 Q4_K_M prompts (mostly Q5_0 rows) at 0.6× their speed.
   */
  private enum Decoder {
    Q8_0 {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        q8_0(w, off, out, outOff, n);
      }
    },
    Q4_0 {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        q4_0(w, off, out, outOff, n);
      }
    },
    Q4_K {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        q4_K(w, off, out, outOff, n);
      }
    },
    Q6_K {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        q6_K(w, off, out, outOff, n);
      }
    },
    F16 {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        f16(w, off, out, outOff, n);
      }
    },
    Q5_0 {
      @Override
      void decode(byte[] w, int off, float[] out, int outOff, int n) {
        q5_0(w, off, out, outOff, n);
      }
    };

    abstract void decode(byte[] w, int off, float[] out, int outOff, int n);
  }

  private static void q8_0(byte[] w, int off, float[] out, int outOff, int n) {
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block));
      int o = outOff + b * 32;
      for (int j = 0; j < 32; j += L) {
        bytes(w, block + 2 + j).mul(d).intoArray(out, o + j);
      }
    }
  }

  private static void q4_0(byte[] w, int off, float[] out, int outOff, int n) {
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block));
      int o = outOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = VectorStepTiles.centred(w, block + 2 + j);
        VectorStepTiles.low(q).mul(d).intoArray(out, o + j);
        VectorStepTiles.high(q).mul(d).intoArray(out, o + 16 + j);
      }
    }
  }

  /** q − 16 from the inverted fifth bit and the nibble, as {@code VectorBlockDots.dotQ5_0}. */
  private static void q5_0(byte[] w, int off, float[] out, int outOff, int n) {
    int blockBytes = LegacyFormat.Q5_0.blockBytes;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      float d = Float16.toFloat(WeightBytes.getShort(w, block));
      IntVector notHigh = IntVector.broadcast(I, ~WeightBytes.getInt(w, block + 2));
      int o = outOff + b * 32;
      for (int j = 0; j < 16; j += L) {
        IntVector q = widened(w, block + LegacyFormat.Q5_0.qs + j);
        IntVector lo =
            notHigh
                .lanewise(
                    VectorOperators.LSHL, IntVector.fromArray(I, VectorBlockDots.FIFTH_LOW, j))
                .lanewise(VectorOperators.ASHR, 31)
                .bitwiseBlend(q, 0x0F);
        IntVector hi =
            notHigh
                .lanewise(
                    VectorOperators.LSHL, IntVector.fromArray(I, VectorBlockDots.FIFTH_HIGH, j))
                .lanewise(VectorOperators.ASHR, 31)
                .bitwiseBlend(q.lanewise(VectorOperators.ASHR, 4), 0x0F);
        floats(lo).mul(d).intoArray(out, o + j);
        floats(hi).mul(d).intoArray(out, o + 16 + j);
      }
    }
  }

  private static void q4_K(byte[] w, int off, float[] out, int outOff, int n) {
    int[] scales = new int[8];
    int[] mins = new int[8];
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q4_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block));
      float dmin = Float16.toFloat(WeightBytes.getShort(w, block + 2));
      KQuants.unpackScales(w, block + 4, scales, mins);
      for (int c = 0; c < 4; c++) {
        FloatVector scaleLo = FloatVector.broadcast(F, d * scales[2 * c]);
        FloatVector minLo = FloatVector.broadcast(F, -dmin * mins[2 * c]);
        FloatVector scaleHi = FloatVector.broadcast(F, d * scales[2 * c + 1]);
        FloatVector minHi = FloatVector.broadcast(F, -dmin * mins[2 * c + 1]);
        int o = outOff + b * 256 + 64 * c;
        for (int j = 0; j < 32; j += L) {
          IntVector q = widened(w, block + 16 + 32 * c + j);
          floats(q.and(0x0F)).fma(scaleLo, minLo).intoArray(out, o + j);
          floats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F))
              .fma(scaleHi, minHi)
              .intoArray(out, o + 32 + j);
        }
      }
    }
  }

  private static void q6_K(byte[] w, int off, float[] out, int outOff, int n) {
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        long scales = WeightBytes.getLong(w, block + 192 + 8 * half);
        int o = outOff + b * 256 + 128 * half;
        for (int pair = 0; pair < 2; pair++) {
          for (int j = 0; j < 32; j += L) {
            IntVector h = widened(w, qh + j);
            IntVector lowA = widened(w, ql + j).lanewise(VectorOperators.LSHR, 4 * pair).and(0x0F);
            IntVector lowB =
                widened(w, ql + 32 + j).lanewise(VectorOperators.LSHR, 4 * pair).and(0x0F);
            IntVector highA =
                h.lanewise(VectorOperators.LSHR, 4 * pair).and(3).lanewise(VectorOperators.LSHL, 4);
            IntVector highB =
                h.lanewise(VectorOperators.LSHR, 4 * pair + 2)
                    .and(3)
                    .lanewise(VectorOperators.LSHL, 4);
            float scaleA = d * (byte) (scales >>> (8 * (4 * pair + j / 16)));
            float scaleB = d * (byte) (scales >>> (8 * (4 * pair + 2 + j / 16)));
            floats(lowA.or(highA).sub(32)).mul(scaleA).intoArray(out, o + 64 * pair + j);
            floats(lowB.or(highB).sub(32)).mul(scaleB).intoArray(out, o + 64 * pair + 32 + j);
          }
        }
      }
    }
  }

  /** Exponent and mantissa moved to float position and rebased by 2^112, as VectorKernels does. */
  private static void f16(byte[] w, int off, float[] out, int outOff, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      VectorMath.halfToFloat(
              (IntVector)
                  ByteVector.fromArray(SB, w, off + 2 * i)
                      .reinterpretAsShorts()
                      .convertShape(VectorOperators.S2I, I, 0))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = Float16.toFloat(WeightBytes.getShort(w, off + 2 * i));
    }
  }

  private static FloatVector bytes(byte[] w, int off) {
    return (FloatVector) ByteVector.fromArray(B, w, off).castShape(F, 0);
  }

  /** L bytes widened to int lanes (sign-extended; callers mask the bits they use). */
  private static IntVector widened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).castShape(I, 0);
  }

  private static FloatVector floats(IntVector v) {
    return (FloatVector) v.castShape(F, 0);
  }

  /**
   * Four rows {@code w_r = w[wOff + r * n ..]} times four tokens {@code x_j = x[xOff + j * xStride
   * ..]}: {@code out[4 * r + j] = w_r · x_j}. Sixteen accumulators, and per step four weight and
   * four activation loads for sixteen FMAs (AVX-512 has 32 vector registers; with AVX2's 16 C2
   * spills a few, which still beats two rows at a time). The sixteen lane sums are {@code
   * reduceLanes}, not {@link VectorMath#sum}: sixteen fixed-order trees put the method past C2's
   * inlining budget and it never left the Vector API's allocating fallback in the warm-up (650 ms
   * more load time). It serves prompt batches of 4 to 7 tokens only.
   */
  static void dot4x4(float[] w, int wOff, float[] x, int xOff, int xStride, int n, float[] out) {
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
    int w1 = wOff + n;
    int w2 = wOff + 2 * n;
    int w3 = wOff + 3 * n;
    int x1 = xOff + xStride;
    int x2 = xOff + 2 * xStride;
    int x3 = xOff + 3 * xStride;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector r0 = FloatVector.fromArray(F, w, wOff + i);
      FloatVector r1 = FloatVector.fromArray(F, w, w1 + i);
      FloatVector r2 = FloatVector.fromArray(F, w, w2 + i);
      FloatVector r3 = FloatVector.fromArray(F, w, w3 + i);
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
    out[0] = a0.reduceLanes(VectorOperators.ADD);
    out[1] = a1.reduceLanes(VectorOperators.ADD);
    out[2] = a2.reduceLanes(VectorOperators.ADD);
    out[3] = a3.reduceLanes(VectorOperators.ADD);
    out[4] = b0.reduceLanes(VectorOperators.ADD);
    out[5] = b1.reduceLanes(VectorOperators.ADD);
    out[6] = b2.reduceLanes(VectorOperators.ADD);
    out[7] = b3.reduceLanes(VectorOperators.ADD);
    out[8] = c0.reduceLanes(VectorOperators.ADD);
    out[9] = c1.reduceLanes(VectorOperators.ADD);
    out[10] = c2.reduceLanes(VectorOperators.ADD);
    out[11] = c3.reduceLanes(VectorOperators.ADD);
    out[12] = d0.reduceLanes(VectorOperators.ADD);
    out[13] = d1.reduceLanes(VectorOperators.ADD);
    out[14] = d2.reduceLanes(VectorOperators.ADD);
    out[15] = d3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      for (int r = 0; r < 4; r++) {
        for (int j = 0; j < 4; j++) {
          out[4 * r + j] += w[wOff + r * n + i] * x[xOff + j * xStride + i];
        }
      }
    }
  }
}
