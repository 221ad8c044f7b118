package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
 * ({@link #nibbles}). That pass loads 4L bytes as L int lanes and takes nibble k of every lane with
 * one shift and one mask, instead of widening each byte to an int lane first; x is put once per
 * product in the order this gives the elements ({@link #permute}). Measured on TinyLlama-1.1B
 * Q4_K_M (BENCHMARKS.md, sessions 14 and 15): the first kernel, which summed x inside every row and
 * decoded each scale and min in scalar code where it was used, spent about as long on that as on
 * the nibbles; widening the bytes cost about a tenth of generation.
 *
 * <p>Kept as two methods on purpose: C2 compiles a Vector API method well only while it stays under
 * its inlining budget, and one method doing both passes had its last vector operations called out
 * of line, through the API's allocating fallback (a fifth of generation's samples in JFR).
 *
 * <p>On JDK 22 and newer a row of the mapped file is read in place through its memory segment
 * ({@link SegmentLoads}), on older ones copied to an array first; both give the same value bit for
 * bit ({@code VectorRowDotsTest}). Reading in place made TinyLlama-1.1B Q4_K_M generation on JDK 25
 * about 4 % faster (BENCHMARKS.md, session 20); a Q6_K kernel reading in place was tried and ran in
 * the Vector API's fallback (its conversions were not inlined), so Q6_K rows are still copied.
 *
 * <p>Batched generation steps run this kernel once per token ({@link TiledProducts}), so a product
 * never depends on the batch.
 */
final class VectorQ4_KRows {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final VectorSpecies<Byte> FB = VectorSpecies.of(byte.class, F.vectorShape());
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  /**
   * Where each element of a super-block sits in the nibble pass's order ({@link #permute}): the
   * pass loads 4L bytes as L int lanes, and nibble k (bits 4k..4k+3) of lane j is element {@code
   * 64c + 32(k % 2) + 4(j % 8) + k / 2} of chunk {@code c = (L / 8)·v + j / 8} of load v; x is put
   * in that order once per product, so that the pass multiplies lanes with lanes and never widens
   * bytes one by one.
   */
  private static final int[] ORDER = order();

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

  private VectorQ4_KRows() {}

  private static int[] order() {
    int[] order = new int[256];
    for (int v = 0; v < 128 / (4 * L); v++) {
      for (int k = 0; k < 8; k++) {
        for (int j = 0; j < L; j++) {
          int c = (L / 8) * v + j / 8;
          order[8 * L * v + L * k + j] = 64 * c + 32 * (k % 2) + 4 * (j % 8) + k / 2;
        }
      }
    }
    return order;
  }

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
    float[] xp = permute(x, xOff, n);
    float[] s = scales(n);
    if (SegmentLoads.inPlace(w)) {
      Object segment = SegmentLoads.of(w);
      for (int r = from; r < to; r++) {
        int off = w.rowOffset(r);
        float mins = scalesAndMins(w.data, off, n, sums, s);
        out[outOff + r] = nibbles(segment, off, xp, n, s) + mins;
      }
      return;
    }
    int rowBytes = w.rowBytes;
    byte[] row = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), row, 0, rowBytes);
      float mins = scalesAndMins(row, n, sums, s);
      out[outOff + r] = nibbles(row, xp, n, s) + mins;
    }
  }

  /** One row's product: what {@link #rows} gives for that row. */
  static float dot(ByteBuffer data, int offset, float[] x, int xOff, int n) {
    float[] sums = sums(x, xOff, n);
    float[] xp = permute(x, xOff, n);
    float[] s = scales(n);
    byte[] row = WeightBytes.row(data, offset, n / 256 * Q4_KTensor.BLOCK_BYTES);
    float mins = scalesAndMins(row, n, sums, s);
    return nibbles(row, xp, n, s) + mins;
  }

  /** Per super-block: 8 zeros, then the 8 sub-block sums of x ({@link #subBlockSums}). */
  private static float[] sums(float[] x, int xOff, int n) {
    float[] sums = ProductScratch.sums(n / 16);
    subBlockSums(x, xOff, n, sums);
    return sums;
  }

  /**
   * For d·scale of each sub-block of the current row, 8 per super-block, plus 8 of slack (for the
   * 16-lane store of the last super-block's scales and mins).
   */
  private static float[] scales(int n) {
    return ProductScratch.scales(n / 32 + 16);
  }

  /** x[xOff ..] in the nibble pass's order, super-block by super-block ({@link #ORDER}). */
  private static float[] permute(float[] x, int xOff, int n) {
    float[] xp = ProductScratch.ordered(n);
    for (int b = 0; b < n; b += 256) {
      for (int i = 0; i < 256; i++) {
        xp[b + i] = x[xOff + b + ORDER[i]];
      }
    }
    return xp;
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

  /**
   * {@link #scalesAndMins(byte[], int, float[], float[])} of the row at byte {@code off} of a
   * mapped tensor, read in place (little-endian); the same operations, so the same values.
   */
  private static float scalesAndMins(ByteBuffer w, int off, int n, float[] sums, float[] s) {
    FloatVector minAcc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q4_KTensor.BLOCK_BYTES;
      int dAndMin = w.getInt(block);
      float d = Float16.toFloat((short) dAndMin);
      float dmin = -Float16.toFloat((short) (dAndMin >>> 16));
      int low = w.getInt(block + 4);
      int lowMins = w.getInt(block + 8);
      int high = w.getInt(block + 12);
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

  /**
   * {@code Σ d·scale·(Σ q·x)} over the row's sub-blocks, the scales from {@code s} and x in the
   * pass's order ({@link #permute}): 4L bytes are loaded as L int lanes, and nibble k of every lane
   * is one shift and one mask away; low nibbles (k even) and high nibbles (k odd) belong to
   * different sub-blocks, so they are summed apart and scaled once per load.
   */
  private static float nibbles(byte[] w, float[] xp, int n, float[] s) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      int block = b * Q4_KTensor.BLOCK_BYTES + 16;
      for (int v = 0; v < 128 / (4 * L); v++) {
        IntVector q = ByteVector.fromArray(FB, w, block + 4 * L * v).reinterpretAsInts();
        int xv = 256 * b + 8 * L * v;
        FloatVector low = FloatVector.zero(F);
        FloatVector high = FloatVector.zero(F);
        for (int k = 0; k < 8; k += 2) { // a loop, not eight copies: keeps C2 within its budget
          low = toFloats(nibble(q, 4 * k)).fma(FloatVector.fromArray(F, xp, xv + k * L), low);
          high =
              toFloats(nibble(q, 4 * k + 4))
                  .fma(FloatVector.fromArray(F, xp, xv + (k + 1) * L), high);
        }
        FloatVector lowScale;
        FloatVector highScale;
        if (L == 16) { // lanes 8..15 (MINS_F) are the next chunk's
          lowScale =
              FloatVector.broadcast(F, s[8 * b + 4 * v])
                  .blend(FloatVector.broadcast(F, s[8 * b + 4 * v + 2]), MINS_F);
          highScale =
              FloatVector.broadcast(F, s[8 * b + 4 * v + 1])
                  .blend(FloatVector.broadcast(F, s[8 * b + 4 * v + 3]), MINS_F);
        } else { // load v is chunk v: sub-blocks 2v and 2v + 1
          lowScale = FloatVector.broadcast(F, s[8 * b + 2 * v]);
          highScale = FloatVector.broadcast(F, s[8 * b + 2 * v + 1]);
        }
        acc = high.fma(highScale, low.fma(lowScale, acc));
      }
    }
    return VectorMath.sum(acc);
  }

  /**
   * {@link #nibbles(byte[], float[], int, float[])} on the row at byte {@code off} of a mapped
   * tensor, read in place through its memory segment ({@link SegmentLoads}): the same operations in
   * the same order, so the same value bit for bit. One method with its loads written out (see
   * {@link SegmentLoads#dotF16}).
   */
  private static float nibbles(Object segment, int off, float[] xp, int n, float[] s) {
    try {
      FloatVector acc = FloatVector.zero(F);
      for (int b = 0; b < n / 256; b++) {
        long block = off + b * Q4_KTensor.BLOCK_BYTES + 16L;
        for (int v = 0; v < 128 / (4 * L); v++) {
          IntVector q =
              ((ByteVector) SegmentLoads.LOAD_BYTES.invokeExact(FB, segment, block + 4 * L * v, LE))
                  .reinterpretAsInts();
          int xv = 256 * b + 8 * L * v;
          FloatVector low = FloatVector.zero(F);
          FloatVector high = FloatVector.zero(F);
          for (int k = 0; k < 8; k += 2) {
            low = toFloats(nibble(q, 4 * k)).fma(FloatVector.fromArray(F, xp, xv + k * L), low);
            high =
                toFloats(nibble(q, 4 * k + 4))
                    .fma(FloatVector.fromArray(F, xp, xv + (k + 1) * L), high);
          }
          FloatVector lowScale;
          FloatVector highScale;
          if (L == 16) {
            lowScale =
                FloatVector.broadcast(F, s[8 * b + 4 * v])
                    .blend(FloatVector.broadcast(F, s[8 * b + 4 * v + 2]), MINS_F);
            highScale =
                FloatVector.broadcast(F, s[8 * b + 4 * v + 1])
                    .blend(FloatVector.broadcast(F, s[8 * b + 4 * v + 3]), MINS_F);
          } else {
            lowScale = FloatVector.broadcast(F, s[8 * b + 2 * v]);
            highScale = FloatVector.broadcast(F, s[8 * b + 2 * v + 1]);
          }
          acc = high.fma(highScale, low.fma(lowScale, acc));
        }
      }
      return VectorMath.sum(acc);
    } catch (Throwable t) {
      throw SegmentLoads.rethrown(t);
    }
  }

  /** Bits {@code shift .. shift + 3} of every lane. */
  private static IntVector nibble(IntVector q, int shift) {
    return q.lanewise(VectorOperators.LSHR, shift).and(0x0F);
  }

  /**
   * A 2 × 512 Q4_K tensor for {@link #warmUp}, over the first bytes of {@code w}'s own buffer when
   * that is direct (the mapped file): on JDK 22 and newer {@link #rows} then reads it in place
   * through a memory segment of the class real work brings (over a mapped file and over {@code
   * allocateDirect} they are two), so C2 compiles the path the model takes. Any bytes are valid
   * blocks; the sample is only read.
   */
  static FloatTensor warmUpSample(FloatTensor w) {
    int size = 2 * 2 * Q4_KTensor.BLOCK_BYTES;
    ByteBuffer bytes =
        w.data.isDirect() && w.data.capacity() >= size
            ? w.data.duplicate().clear().limit(size).slice()
            : ByteBuffer.allocate(size);
    return new Q4_KTensor(bytes, 2, 512);
  }

  /**
   * Gets {@link #rows} and {@link #dot} compiled before real work runs them: {@code sample}'s two
   * rows ({@link #warmUpSample}), until C2 has had its calls.
   */
  static void warmUp(FloatTensor sample, int calls) {
    float[] x = new float[512];
    float[] out = new float[2];
    for (int i = 0; i < calls; i++) {
      rows(sample, 0, 2, x, 0, out, 0);
      out[0] += dot(sample.data, 0, x, 0, 512);
    }
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
