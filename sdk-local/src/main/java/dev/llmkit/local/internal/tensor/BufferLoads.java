package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The half-precision matrix × vector kernel reading the mapped weights in place, for JDKs whose
 * Vector API still has {@code ShortVector.fromByteBuffer} (17 and 18; {@link #AVAILABLE}). The
 * other kernels copy each row into an array first ({@link WeightBytes}), which costs little next to
 * decoding quantized blocks but about a fifth of a half-precision product (two bytes a weight,
 * nothing to decode): {@code MatVecBench} F16 5632 × 2048, 1,163–1,350 µs in place against
 * 1,416–1,432 µs copied.
 *
 * <p>The only class that names the JDK 17 buffer loads ({@code KernelSelectionTest} checks that):
 * on a later JDK it is never run, so the missing method is never linked. Its operations and their
 * order are those of {@code VectorKernels.rowF16}; {@code KernelsTest} compares the two bit for
 * bit.
 */
final class BufferLoads {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** Whether this JVM's Vector API loads from a {@code ByteBuffer} (JDK 17 and 18). */
  static final boolean AVAILABLE = hasBufferLoads();

  private BufferLoads() {}

  private static boolean hasBufferLoads() {
    try {
      ShortVector.class.getMethod(
          "fromByteBuffer", VectorSpecies.class, ByteBuffer.class, int.class, ByteOrder.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** {@code VectorKernels.rowF16} on the buffer itself; only when {@link #AVAILABLE}. */
  static float dotF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = halves(w, off + 2 * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      acc1 = halves(w, off + 2 * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = halves(w, off + 2 * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
    }
    float sum = VectorMath.sum(acc0.add(acc1));
    for (; i < n; i++) {
      sum += Float16.toFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  private static FloatVector halves(ByteBuffer w, int off) {
    return VectorMath.halfToFloat(
        (IntVector)
            ShortVector.fromByteBuffer(S, w, off, LE).convertShape(VectorOperators.S2I, I, 0));
  }
}
