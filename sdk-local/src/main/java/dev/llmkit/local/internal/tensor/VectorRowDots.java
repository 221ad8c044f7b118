package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;

/**
 * The matrix × vector loop of {@link VectorKernels#dotRows} for weights read from the mapped file:
 * on JDK 22 and newer F16, Q8_0, Q4_0, Q5_0 and Q5_K rows of a direct buffer are read in place
 * through {@link SegmentLoads}; the other types (F32, BF16, the other formats of {@link
 * VectorBlockDots}), every type on JDK 19–21 and the quantized ones on 17 and 18 (which read F16 in
 * place through {@link BufferLoads} in {@code dotF16}) have their rows copied to an array before
 * their vector kernel runs. For the copied types it looks up this thread's scratch once and copies
 * one row at a time into it, then runs the same row kernel as the single-row {@link
 * FloatTensor#dot}, so every value equals it bit for bit ({@code VectorRowDotsTest}).
 *
 * <p>Why one row at a time, and the scratch looked up once: a copy of four rows at once (8.7 KB for
 * TinyLlama's rows of 2048) kept the CPU waiting for memory before any of their arithmetic could
 * start; copying one row (2.2 KB) lets the next row's reads overlap this row's arithmetic. Going
 * through the single-row {@code dot} instead cost a {@code ThreadLocal} lookup per row (16 % of
 * generation samples in JFR). TinyLlama Q8_0 engine generation, alternating fresh JVMs: 11.9 and
 * 12.0 tok/s with groups of four rows, 14.1 and 14.5 with this loop; Q4_0 unchanged (BENCHMARKS.md,
 * session 16). A single loop calling every type's kernel through a switch made Q4_0 slower.
 */
final class VectorRowDots {
  private VectorRowDots() {}

  /**
   * Whether {@link #rows} runs for {@code w}: a mapped tensor of a type it reads in place or copies
   * row by row (not F16 on JDK 17 and 18, which {@code dotF16} reads in place itself).
   */
  static boolean handles(FloatTensor w) {
    if (w.onHeap()) {
      return false;
    }
    switch (w.type()) {
      case Q8_0:
      case Q4_0:
      case F32:
      case BF16:
        return true;
      case F16:
        return !BufferLoads.AVAILABLE; // JDK 17 and 18 read half-precision rows in place
      default:
        return VectorBlockDots.hasRowKernel(w.type());
    }
  }

  /**
   * {@code out[outOff + r] = W[r] · x[xOff ..]} for r in [from, to); only when {@link #handles}.
   */
  static void rows(FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    switch (w.type()) {
      case Q8_0:
        rowsQ8_0(w, from, to, x, xOff, out, outOff);
        return;
      case Q4_0:
        rowsQ4_0(w, from, to, x, xOff, out, outOff);
        return;
      case Q5_0:
        rowsQ5_0(w, from, to, x, xOff, out, outOff);
        return;
      case Q5_K:
        rowsQ5_K(w, from, to, x, xOff, out, outOff);
        return;
      case F16:
        if (SegmentLoads.inPlace(w)) {
          rowsF16InPlace(w, from, to, x, xOff, out, outOff);
          return;
        }
        rowsOther(w, from, to, x, xOff, out, outOff);
        return;
      default:
        rowsOther(w, from, to, x, xOff, out, outOff);
    }
  }

  // One loop per hot type, so that each calls one kernel (C2 inlines it into the loop).

  private static void rowsQ8_0(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    if (SegmentLoads.inPlace(w)) {
      Object segment = SegmentLoads.of(w);
      for (int r = from; r < to; r++) {
        out[outOff + r] = SegmentLoads.dotQ8_0(segment, w.data, w.rowOffset(r), x, xOff, w.cols);
      }
      return;
    }
    int rowBytes = w.rowBytes;
    byte[] s = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), s, 0, rowBytes);
      out[outOff + r] = VectorKernels.rowQ8_0(s, 0, x, xOff, w.cols);
    }
  }

  private static void rowsQ4_0(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    if (SegmentLoads.inPlace(w)) {
      Object segment = SegmentLoads.of(w);
      for (int r = from; r < to; r++) {
        out[outOff + r] = SegmentLoads.dotQ4_0(segment, w.data, w.rowOffset(r), x, xOff, w.cols);
      }
      return;
    }
    int rowBytes = w.rowBytes;
    byte[] s = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), s, 0, rowBytes);
      out[outOff + r] = VectorKernels.rowQ4_0(s, 0, x, xOff, w.cols);
    }
  }

  private static void rowsQ5_0(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    if (SegmentLoads.inPlace(w)) {
      Object segment = SegmentLoads.of(w);
      for (int r = from; r < to; r++) {
        out[outOff + r] = SegmentLoads.dotQ5_0(segment, w.data, w.rowOffset(r), x, xOff, w.cols);
      }
      return;
    }
    int rowBytes = w.rowBytes;
    byte[] s = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), s, 0, rowBytes);
      out[outOff + r] = VectorBlockDots.dotQ5_0(s, 0, x, xOff, w.cols);
    }
  }

  /**
   * Q5_K: the sums of x per sub-block once per product, then each row read in place (JDK 22 and
   * newer) or copied, and multiplied.
   */
  private static void rowsQ5_K(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    int n = w.cols;
    float[] sums = ProductScratch.sums(n / 32);
    VectorBlockDots.subBlockSums(x, xOff, n, sums);
    if (SegmentLoads.inPlace(w)) {
      Object segment = SegmentLoads.of(w);
      for (int r = from; r < to; r++) {
        out[outOff + r] = SegmentLoads.dotQ5_K(segment, w.data, w.rowOffset(r), x, xOff, n, sums);
      }
      return;
    }
    int rowBytes = w.rowBytes;
    byte[] s = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), s, 0, rowBytes);
      out[outOff + r] = VectorBlockDots.dotQ5_K(s, 0, x, xOff, n, sums);
    }
  }

  /** F16 on JDK 22 and newer: read in place through a memory segment (see {@link SegmentLoads}). */
  private static void rowsF16InPlace(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    Object segment = SegmentLoads.of(w);
    for (int r = from; r < to; r++) {
      out[outOff + r] = SegmentLoads.dotF16(segment, w.data, w.rowOffset(r), x, xOff, w.cols);
    }
  }

  private static void rowsOther(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    int rowBytes = w.rowBytes;
    GgmlType type = w.type();
    byte[] s = WeightBytes.scratch(rowBytes);
    for (int r = from; r < to; r++) {
      w.data.get(w.rowOffset(r), s, 0, rowBytes);
      out[outOff + r] = row(type, s, x, xOff, w.cols);
    }
  }

  private static float row(GgmlType type, byte[] s, float[] x, int xOff, int n) {
    switch (type) {
      case F32:
        return VectorKernels.rowF32(s, 0, x, xOff, n);
      case BF16:
        return VectorKernels.rowBF16(s, 0, x, xOff, n);
      case F16:
        return VectorKernels.rowF16(s, 0, x, xOff, n);
      default:
        return VectorBlockDots.dot(type, s, x, xOff, n);
    }
  }
}
