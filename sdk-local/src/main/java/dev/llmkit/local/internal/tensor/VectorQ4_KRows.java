package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Q4_K matrix × vector kernel of {@link VectorKernels#dotRows} (and its single-row {@link
 * VectorKernels#dotQ4_K}), for weights read from the mapped file.
 *
 * <p>A Q4_K row is super-blocks of 256 weights, each eight sub-blocks of 32 with a 6-bit scale and
 * a 6-bit min: {@code w = d·scale·q − dmin·min}. So a product is {@code Σ d·scale·(Σ q·x) − Σ
 * dmin·min·(Σ x)} over the sub-blocks, and the sub-block sums of x are the same for every row: they
 * are computed once per product ({@link #subBlockSums}), not once per row. Per row, one pass
 * unpacks the scales and mins of all its super-blocks in vector lanes and accumulates the min term
 * ({@link #scalesAndMins}); a second pass, vector operations only, multiplies the nibbles with x
 * ({@link #nibbles}). Measured on TinyLlama-1.1B Q4_K_M (BENCHMARKS.md, session 14): the earlier
 * kernel, which summed x inside every row and decoded each scale and min in scalar code where it
 * was used, spent about as long on that as on the nibbles.
 *
 * <p>Kept as two methods on purpose: C2 compiles a Vector API method well only while it stays under
 * its inlining budget, and one method doing both passes had its last vector operations called out
 * of line, through the API's allocating fallback (a fifth of generation's samples in JFR).
 *
 * <p>Batched generation steps run this kernel once per token ({@link TiledProducts}), so a product
 * never depends on the batch.
 */
final class VectorQ4_KRows {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  // Lane j < 8: scale j; lane 8 + j: min j. Bytes 0..3 of the 12 scale bytes hold scales 0..3
  // (low 6 bits) and the top 2 bits of scales 4..7; bytes 4..7 the same for the mins; bytes 8..11
  // the low 4 bits of scales 4..7 (low nibbles) and of mins 4..7 (high nibbles). Per lane: (the
  // word of bytes 0..3 or 4..7 >>> S1 & M1) << SL | (bytes 8..11 >>> S2 & M2).
  private static final int[] S1 = {0, 8, 16, 24, 6, 14, 22, 30, 0, 8, 16, 24, 6, 14, 22, 30};
  private static final int[] M1 = {63, 63, 63, 63, 3, 3, 3, 3, 63, 63, 63, 63, 3, 3, 3, 3};
  private static final int[] SL = {0, 0, 0, 0, 4, 4, 4, 4, 0, 0, 0, 0, 4, 4, 4, 4};
  private static final int[] S2 = {0, 0, 0, 0, 0, 8, 16, 24, 0, 0, 0, 0, 4, 12, 20, 28};
  private static final int[] M2 = {0, 0, 0, 0, 15, 15, 15, 15, 0, 0, 0, 0, 15, 15, 15, 15};
  private static final boolean[] MIN_LANES = {
    false, false, false, false, false, false, false, false, true, true, true, true, true, true,
    true, true
  };
  private static final VectorMask<Integer> MINS_I = VectorMask.fromArray(I, MIN_LANES, 0);
  private static final VectorMask<Float> MINS_F = VectorMask.fromArray(F, MIN_LANES, 0);

  /** Per super-block: 8 zeros, then the 8 sub-block sums of x ({@link #subBlockSums}). */
  private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);

  /** d·scale of each sub-block of the current row, 8 per super-block, plus 8 of slack. */
  private static final ThreadLocal<float[]> SCALES = ThreadLocal.withInitial(() -> new float[0]);

  private VectorQ4_KRows() {}

  /** Whether {@link #rows} runs for {@code w}: Q4_K read from the mapped file. */
  static boolean handles(FloatTensor w) {
    return w instanceof Q4_KTensor && !w.onHeap();
  }

  /**
   * {@code out[outOff + r] = W[r] · x[xOff ..]} for r in [from, to); only when {@link #handles}.
   */
  static void rows(FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    int n = w.cols;
    float[] sums = sums(x, xOff, n);
    float[] s = scales(n);
    int rowBytes = w.rowBytes;
    byte[] row = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), row, 0, rowBytes);
      float mins = scalesAndMins(row, n, sums, s);
      out[outOff + r] = nibbles(row, x, xOff, n, s) + mins;
    }
  }

  /** One row's product: what {@link #rows} gives for that row. */
  static float dot(ByteBuffer data, int offset, float[] x, int xOff, int n) {
    float[] sums = sums(x, xOff, n);
    float[] s = scales(n);
    byte[] row = WeightBytes.row(data, offset, n / 256 * Q4_KTensor.BLOCK_BYTES);
    float mins = scalesAndMins(row, n, sums, s);
    return nibbles(row, x, xOff, n, s) + mins;
  }

  private static float[] sums(float[] x, int xOff, int n) {
    float[] sums = SUMS.get();
    if (sums.length < n / 16) {
      sums = new float[n / 16];
      SUMS.set(sums);
    }
    subBlockSums(x, xOff, n, sums);
    return sums;
  }

  private static float[] scales(int n) {
    float[] s = SCALES.get();
    if (s.length < n / 32 + 16) {
      s = new float[n / 32 + 16];
      SCALES.set(s);
    }
    return s;
  }

  /**
   * Per super-block b: {@code sums[16b .. 16b + 7] = 0} and {@code sums[16b + 8 + j] = Σ x} over
   * its sub-block j, each in {@link VectorMath#sum}'s fixed order.
   */
  private static void subBlockSums(float[] x, int xOff, int n, float[] sums) {
    for (int k = 0; k < n / 32; k++) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + 32 * k);
      for (int j = L; j < 32; j += L) {
        v = v.add(FloatVector.fromArray(F, x, xOff + 32 * k + j));
      }
      int b = k / 8;
      sums[16 * b + k % 8] = 0;
      sums[16 * b + 8 + k % 8] = VectorMath.sum(v);
    }
  }

  /**
   * Writes d·scale of every sub-block of the row to {@code s[8b + j]} and returns the row's min
   * term, {@code Σ (−dmin·min)·(Σ x)} over its sub-blocks.
   */
  private static float scalesAndMins(byte[] w, int n, float[] sums, float[] s) {
    FloatVector minAcc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = b * Q4_KTensor.BLOCK_BYTES;
      int dAndMin = WeightBytes.getInt(w, block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = -Float16.toFloat((short) (dAndMin >>> 16));
      int low = WeightBytes.getInt(w, block + 4);
      int lowMins = WeightBytes.getInt(w, block + 8);
      int high = WeightBytes.getInt(w, block + 12);
      for (int h = 0; h < 16; h += L) { // one pass of 16 lanes, or scales then mins in 8
        IntVector words;
        FloatVector factor;
        if (L == 16) {
          words = IntVector.broadcast(I, low).blend(lowMins, MINS_I);
          factor = FloatVector.broadcast(F, d).blend(dmin, MINS_F);
        } else {
          words = IntVector.broadcast(I, h == 0 ? low : lowMins);
          factor = FloatVector.broadcast(F, h == 0 ? d : dmin);
        }
        IntVector sixBits =
            words
                .lanewise(VectorOperators.LSHR, IntVector.fromArray(I, S1, h))
                .and(IntVector.fromArray(I, M1, h))
                .lanewise(VectorOperators.LSHL, IntVector.fromArray(I, SL, h))
                .or(
                    IntVector.broadcast(I, high)
                        .lanewise(VectorOperators.LSHR, IntVector.fromArray(I, S2, h))
                        .and(IntVector.fromArray(I, M2, h)));
        FloatVector v = toFloats(sixBits).mul(factor);
        if (h == 0) {
          v.intoArray(s, 8 * b); // the scales; with 16 lanes the mins land in the slack/next
        }
        if (h + L > 8) {
          // lanes of scales meet the zeros of sums, lanes of mins their sub-block sums
          minAcc = v.fma(FloatVector.fromArray(F, sums, 16 * b + h), minAcc);
        }
      }
    }
    return VectorMath.sum(minAcc);
  }

  /** {@code Σ d·scale·(Σ q·x)} over the row's sub-blocks, the scales from {@code s}. */
  private static float nibbles(byte[] w, float[] x, int xOff, int n, float[] s) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = b * Q4_KTensor.BLOCK_BYTES;
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        // 32 bytes: low nibbles are sub-block 2c, high nibbles sub-block 2c + 1
        IntVector q = loadWidened(w, block + 16 + 32 * c);
        FloatVector lo = toFloats(q.and(0x0F)).mul(FloatVector.fromArray(F, x, xb + 64 * c));
        FloatVector hi =
            toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F))
                .mul(FloatVector.fromArray(F, x, xb + 64 * c + 32));
        for (int j = L; j < 32; j += L) {
          q = loadWidened(w, block + 16 + 32 * c + j);
          lo = toFloats(q.and(0x0F)).fma(FloatVector.fromArray(F, x, xb + 64 * c + j), lo);
          hi =
              toFloats(q.lanewise(VectorOperators.LSHR, 4).and(0x0F))
                  .fma(FloatVector.fromArray(F, x, xb + 64 * c + 32 + j), hi);
        }
        int k = 8 * b + 2 * c;
        acc =
            hi.fma(FloatVector.broadcast(F, s[k + 1]), lo.fma(FloatVector.broadcast(F, s[k]), acc));
      }
    }
    return VectorMath.sum(acc);
  }

  /**
   * Gets {@link #rows} and {@link #dot} compiled before real work runs them: a two-super-block
   * matrix, until C2 has had its calls (the kernel selection calls it once).
   */
  static void warmUp(int calls) {
    Q4_KTensor w = new Q4_KTensor(ByteBuffer.allocate(2 * 2 * Q4_KTensor.BLOCK_BYTES), 2, 512);
    float[] x = new float[512];
    float[] out = new float[2];
    for (int i = 0; i < calls; i++) {
      rows(w, 0, 2, x, 0, out, 0);
      out[0] += dot(w.data, 0, x, 0, 512);
    }
  }

  private static IntVector loadWidened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
