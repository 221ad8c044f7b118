package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Q6_K kernels: the matrix × vector product of {@link VectorKernels#dotRows} (and its
 * single-row {@link VectorKernels#dotQ6_K}) and the batched generation step of {@link
 * TiledProducts}, for weights read from the mapped file.
 *
 * <p>A Q6_K super-block holds 256 weights in sixteen groups of 16, each with a signed 8-bit scale:
 * {@code w = d·scale·(q − 32)}, q six bits. So a product is {@code Σ d·scale·(Σ q·x) − 32·Σ
 * d·scale·(Σ x)} over the groups, and the group sums of x are the same for every row: they are
 * computed once per product ({@link #groupSums}). Per row, one pass widens the sixteen scales of
 * each super-block in vector lanes and stores {@code d·scale} ({@link #scales}); the offset term is
 * one vector multiply-add per super-block ({@link #offset}); a second pass, vector operations only,
 * decodes the six-bit values and multiplies them with x ({@link #groups}), each byte of the low
 * nibbles and high bits loaded once for the four groups that share it. The kernel this replaced
 * decoded every scale in scalar code where it was used, subtracted 32 in every lane and loaded each
 * byte twice (BENCHMARKS.md, session 15).
 *
 * <p>A batched step ({@link #rowsBatched}) decodes each row once for four tokens and gives every
 * token's product the operations of the single-token kernel, in the same order, so a token's result
 * is the same bit for bit as when it runs alone.
 */
final class VectorQ6_KRows {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorQ6_KRows() {}

  /** Whether {@link #rows} and {@link #rowsBatched} run for {@code w}: Q6_K from the file. */
  static boolean handles(FloatTensor w) {
    return w instanceof Q6_KTensor && !w.onHeap();
  }

  /**
   * {@code out[outOff + r] = W[r] · x[xOff ..]} for r in [from, to); only when {@link #handles}.
   */
  static void rows(FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    int n = w.cols;
    float[] sums = ProductScratch.sums(n / 16);
    groupSums(x, xOff, n, sums, 0);
    float[] s = ProductScratch.scales(n / 16);
    int rowBytes = w.rowBytes;
    byte[] row = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), row, 0, rowBytes);
      scales(row, n, s);
      out[outOff + r] = groups(row, x, xOff, n, s) + offset(s, sums, 0, n);
    }
  }

  /** One row's product: what {@link #rows} gives for that row. */
  static float dot(ByteBuffer data, int offset, float[] x, int xOff, int n) {
    float[] sums = ProductScratch.sums(n / 16);
    groupSums(x, xOff, n, sums, 0);
    float[] s = ProductScratch.scales(n / 16);
    byte[] row = WeightBytes.row(data, offset, n / 256 * Q6_KTensor.BLOCK_BYTES);
    scales(row, n, s);
    return groups(row, x, xOff, n, s) + offset(s, sums, 0, n);
  }

  /**
   * {@code out[t * w.rows() + r] = W[r] · x[t * w.cols() ..]} for r in [from, to) and tokens t
   * below {@code tokens}: each value what {@link #rows} gives for that token alone. Each row is
   * decoded once per four tokens.
   */
  static void rowsBatched(FloatTensor w, int from, int to, float[] x, int tokens, float[] out) {
    int n = w.cols;
    int rows = w.rows;
    int g = n / 16;
    float[] sums = ProductScratch.sums(tokens * g);
    for (int t = 0; t < tokens; t++) {
      groupSums(x, t * n, n, sums, t * g);
    }
    float[] s = ProductScratch.scales(g);
    int rowBytes = w.rowBytes;
    byte[] row = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), row, 0, rowBytes);
      scales(row, n, s);
      int t = 0;
      for (; t + 4 <= tokens; t += 4) {
        four(row, x, t * n, n, s, out, t * rows + r, rows);
        for (int k = t; k < t + 4; k++) {
          out[k * rows + r] += offset(s, sums, k * g, n);
        }
      }
      for (; t < tokens; t++) {
        out[t * rows + r] = groups(row, x, t * n, n, s) + offset(s, sums, t * g, n);
      }
    }
  }

  /**
   * {@code sums[at + k] = Σ x} over group k (16 elements) of {@code x[xOff ..]}, in {@link
   * VectorMath#sum}'s fixed order.
   */
  private static void groupSums(float[] x, int xOff, int n, float[] sums, int at) {
    for (int k = 0; k < n / 16; k++) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + 16 * k);
      for (int j = L; j < 16; j += L) {
        v = v.add(FloatVector.fromArray(F, x, xOff + 16 * k + j));
      }
      sums[at + k] = VectorMath.sum(v);
    }
  }

  /** Writes d·scale of every group of the row to {@code s[k]}. */
  private static void scales(byte[] w, int n, float[] s) {
    for (int b = 0; b < n / 256; b++) {
      int block = b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(WeightBytes.getShort(w, block + 208));
      for (int h = 0; h < 16; h += L) {
        toFloats(loadWidened(w, block + 192 + h)).mul(d).intoArray(s, 16 * b + h);
      }
    }
  }

  /** The row's offset term for one token, {@code −32·Σ d·scale·(Σ x)} over its groups. */
  private static float offset(float[] s, float[] sums, int at, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int k = 0; k < n / 16; k += L) {
      acc = FloatVector.fromArray(F, s, k).fma(FloatVector.fromArray(F, sums, at + k), acc);
    }
    return -32 * VectorMath.sum(acc);
  }

  /**
   * {@code Σ d·scale·(Σ q·x)} over the row's groups, the scales from {@code s}. Within each half of
   * a super-block, element l (l < 32) of its four quarters takes the low nibble of {@code ql[l]},
   * the low nibble of {@code ql[32 + l]}, the high nibble of {@code ql[l]}, the high nibble of
   * {@code ql[32 + l]}, and bits 0–1, 2–3, 4–5, 6–7 of {@code qh[l]} as bits 4–5.
   */
  private static float groups(byte[] w, float[] x, int xOff, int n, float[] s) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / 256; b++) {
      for (int half = 0; half < 2; half++) {
        int ql = b * Q6_KTensor.BLOCK_BYTES + 64 * half;
        int qh = b * Q6_KTensor.BLOCK_BYTES + 128 + 32 * half;
        int xh = xOff + 256 * b + 128 * half;
        for (int j = 0; j < 32; j += L) {
          IntVector a = loadWidened(w, ql + j);
          IntVector c = loadWidened(w, ql + 32 + j);
          IntVector h = loadWidened(w, qh + j);
          int k = 16 * b + 8 * half + j / 16;
          acc0 =
              toFloats(first(a, h))
                  .mul(FloatVector.fromArray(F, x, xh + j))
                  .fma(FloatVector.broadcast(F, s[k]), acc0);
          acc1 =
              toFloats(second(c, h))
                  .mul(FloatVector.fromArray(F, x, xh + 32 + j))
                  .fma(FloatVector.broadcast(F, s[k + 2]), acc1);
          acc0 =
              toFloats(third(a, h))
                  .mul(FloatVector.fromArray(F, x, xh + 64 + j))
                  .fma(FloatVector.broadcast(F, s[k + 4]), acc0);
          acc1 =
              toFloats(fourth(c, h))
                  .mul(FloatVector.fromArray(F, x, xh + 96 + j))
                  .fma(FloatVector.broadcast(F, s[k + 6]), acc1);
        }
      }
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  /**
   * {@link #groups} for the four tokens at {@code x[x0]}, {@code x[x0 + n]}, {@code x[x0 + 2n]},
   * {@code x[x0 + 3n]}, into {@code out[o0 + t·stride]}: each group decoded once, then each token's
   * product with the operations of {@link #groups}.
   */
  private static void four(
      byte[] w, float[] x, int x0, int n, float[] s, float[] out, int o0, int stride) {
    FloatVector e0 = FloatVector.zero(F);
    FloatVector e1 = FloatVector.zero(F);
    FloatVector e2 = FloatVector.zero(F);
    FloatVector e3 = FloatVector.zero(F);
    FloatVector o0a = FloatVector.zero(F);
    FloatVector o1 = FloatVector.zero(F);
    FloatVector o2 = FloatVector.zero(F);
    FloatVector o3 = FloatVector.zero(F);
    int x1 = x0 + n;
    int x2 = x0 + 2 * n;
    int x3 = x0 + 3 * n;
    for (int b = 0; b < n / 256; b++) {
      for (int half = 0; half < 2; half++) {
        int ql = b * Q6_KTensor.BLOCK_BYTES + 64 * half;
        int qh = b * Q6_KTensor.BLOCK_BYTES + 128 + 32 * half;
        int eh = 256 * b + 128 * half;
        for (int j = 0; j < 32; j += L) {
          IntVector a = loadWidened(w, ql + j);
          IntVector c = loadWidened(w, ql + 32 + j);
          IntVector h = loadWidened(w, qh + j);
          int k = 16 * b + 8 * half + j / 16;
          for (int quarter = 0; quarter < 4; quarter += 2) { // even quarters, odd quarters
            FloatVector ev = toFloats(quarter == 0 ? first(a, h) : third(a, h));
            FloatVector od = toFloats(quarter == 0 ? second(c, h) : fourth(c, h));
            FloatVector es = FloatVector.broadcast(F, s[k + 2 * quarter]);
            FloatVector os = FloatVector.broadcast(F, s[k + 2 * quarter + 2]);
            int e = eh + 32 * quarter + j;
            e0 = ev.mul(FloatVector.fromArray(F, x, x0 + e)).fma(es, e0);
            o0a = od.mul(FloatVector.fromArray(F, x, x0 + e + 32)).fma(os, o0a);
            e1 = ev.mul(FloatVector.fromArray(F, x, x1 + e)).fma(es, e1);
            o1 = od.mul(FloatVector.fromArray(F, x, x1 + e + 32)).fma(os, o1);
            e2 = ev.mul(FloatVector.fromArray(F, x, x2 + e)).fma(es, e2);
            o2 = od.mul(FloatVector.fromArray(F, x, x2 + e + 32)).fma(os, o2);
            e3 = ev.mul(FloatVector.fromArray(F, x, x3 + e)).fma(es, e3);
            o3 = od.mul(FloatVector.fromArray(F, x, x3 + e + 32)).fma(os, o3);
          }
        }
      }
    }
    out[o0] = VectorMath.sum(e0.add(o0a));
    out[o0 + stride] = VectorMath.sum(e1.add(o1));
    out[o0 + 2 * stride] = VectorMath.sum(e2.add(o2));
    out[o0 + 3 * stride] = VectorMath.sum(e3.add(o3));
  }

  /** Quarter 0: the low nibble of ql[l], bits 0–1 of qh[l]. */
  private static IntVector first(IntVector a, IntVector h) {
    return a.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30));
  }

  /** Quarter 1: the low nibble of ql[32 + l], bits 2–3 of qh[l]. */
  private static IntVector second(IntVector c, IntVector h) {
    return c.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30));
  }

  /** Quarter 2: the high nibble of ql[l], bits 4–5 of qh[l]. */
  private static IntVector third(IntVector a, IntVector h) {
    return a.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(h.and(0x30));
  }

  /** Quarter 3: the high nibble of ql[32 + l], bits 6–7 of qh[l]. */
  private static IntVector fourth(IntVector c, IntVector h) {
    return c.lanewise(VectorOperators.LSHR, 4)
        .and(0x0F)
        .or(h.lanewise(VectorOperators.LSHR, 2).and(0x30));
  }

  /**
   * Gets {@link #rows}, {@link #dot} and {@link #rowsBatched} compiled before real work runs them:
   * a two-super-block matrix, until C2 has had its calls (the kernel selection calls it once).
   */
  static void warmUp(int calls) {
    Q6_KTensor w = new Q6_KTensor(ByteBuffer.allocate(2 * 2 * Q6_KTensor.BLOCK_BYTES), 2, 512);
    float[] x = new float[5 * 512];
    float[] out = new float[5 * 2];
    for (int i = 0; i < calls; i++) {
      rows(w, 0, 2, x, 0, out, 0);
      out[0] += dot(w.data, 0, x, 0, 512);
      rowsBatched(w, 0, 2, x, 5, out);
    }
  }

  /** L bytes widened to int lanes (sign-extended; the decoding masks the bits it uses). */
  private static IntVector loadWidened(byte[] w, int off) {
    return (IntVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector toFloats(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }
}
