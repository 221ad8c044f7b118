package dev.llmkit.local.internal.tensor;

/**
 * Per-thread float arrays of the K-quant matrix × vector kernels ({@link VectorQ4_KRows}, {@link
 * VectorQ6_KRows}): what a product prepares from x once for all its rows (sums, x in a kernel's own
 * order), and the decoded scales of the row at hand. One pair per thread: a product runs to its end
 * before the thread starts another, and neither kernel calls the other.
 */
final class ProductScratch {
  private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> SCALES = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<float[]> ORDERED = ThreadLocal.withInitial(() -> new float[0]);

  private ProductScratch() {}

  /** This thread's array for sums of x, at least {@code length} floats. */
  static float[] sums(int length) {
    return atLeast(SUMS, length);
  }

  /** This thread's array for a row's scales, at least {@code length} floats. */
  static float[] scales(int length) {
    return atLeast(SCALES, length);
  }

  /** This thread's array for x in a kernel's own order, at least {@code length} floats. */
  static float[] ordered(int length) {
    return atLeast(ORDERED, length);
  }

  /**
   * The array in this thread's {@code slot}, replaced by a new one of {@code length} floats when
   * shorter (also for {@link VectorGemm}'s scratch).
   */
  static float[] atLeast(ThreadLocal<float[]> slot, int length) {
    float[] a = slot.get();
    if (a.length < length) {
      a = new float[length];
      slot.set(a);
    }
    return a;
  }
}
