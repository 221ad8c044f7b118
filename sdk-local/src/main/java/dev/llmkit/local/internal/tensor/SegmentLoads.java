package dev.llmkit.local.internal.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The half-precision matrix × vector kernel reading the mapped weights in place on JDK 22 and
 * newer, through {@code ShortVector.fromMemorySegment} over {@code MemorySegment.ofBuffer} of the
 * tensor's bytes ({@link #AVAILABLE}). JDK 17 and 18 have {@link BufferLoads} instead; on 19–21 the
 * memory segment API is a preview and rows are copied to an array first ({@link WeightBytes}),
 * which made TinyLlama F16 generation on JDK 25 8.8 tok/s against 12.6 on JDK 17 (BENCHMARKS.md,
 * session 16).
 *
 * <p>llmkit is compiled for Java 17, which cannot name {@code MemorySegment}: both methods are
 * looked up once, as method handles typed with {@code Object} for the segment, and held in static
 * final fields, which C2 treats as constants and inlines down to the Vector API's load intrinsic.
 * The operations and their order are those of {@code VectorKernels.rowF16}; {@code
 * SegmentLoadsTest} compares the two bit for bit (on a JDK where this class is available).
 */
final class SegmentLoads {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** {@code MemorySegment.ofBuffer(Buffer)} typed {@code (ByteBuffer)Object}, or null. */
  private static final @Nullable MethodHandle OF_BUFFER;

  /**
   * {@code ShortVector.fromMemorySegment} typed {@code (VectorSpecies, Object, long, ByteOrder)};
   * where unavailable, a handle that throws (never called: {@link #AVAILABLE} is false).
   */
  private static final MethodHandle LOAD;

  /** Whether this JVM loads vectors from a memory segment (JDK 22 and newer). */
  static final boolean AVAILABLE;

  static {
    MethodHandle ofBuffer = null;
    MethodHandle load = null;
    if (Runtime.version().feature() >= 22) {
      try {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        ofBuffer =
            lookup
                .findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class))
                .asType(MethodType.methodType(Object.class, ByteBuffer.class));
        load =
            lookup
                .findStatic(
                    ShortVector.class,
                    "fromMemorySegment",
                    MethodType.methodType(
                        ShortVector.class,
                        VectorSpecies.class,
                        segment,
                        long.class,
                        ByteOrder.class))
                .asType(
                    MethodType.methodType(
                        ShortVector.class,
                        VectorSpecies.class,
                        Object.class,
                        long.class,
                        ByteOrder.class));
      } catch (ReflectiveOperationException | LinkageError e) {
        ofBuffer = null;
        load = null;
      }
    }
    OF_BUFFER = ofBuffer;
    AVAILABLE = ofBuffer != null && load != null;
    LOAD =
        load != null
            ? load
            : MethodHandles.dropArguments(
                MethodHandles.throwException(ShortVector.class, UnsupportedOperationException.class)
                    .bindTo(new UnsupportedOperationException("no memory segment loads")),
                0,
                VectorSpecies.class,
                Object.class,
                long.class,
                ByteOrder.class);
  }

  private SegmentLoads() {}

  /** The memory segment over {@code data}'s bytes (index 0 = its index 0); only when available. */
  static Object segment(ByteBuffer data) {
    MethodHandle ofBuffer = OF_BUFFER;
    if (ofBuffer == null) {
      throw new IllegalStateException("this JVM has no memory segment loads");
    }
    try {
      return (Object) ofBuffer.invokeExact(data.duplicate().clear());
    } catch (Throwable t) {
      throw new IllegalStateException("MemorySegment.ofBuffer failed", t);
    }
  }

  /**
   * {@code VectorKernels.rowF16} on the {@link #segment} of {@code data} itself, from byte {@code
   * off} (the scalar tail reads {@code data}); only when {@link #AVAILABLE}.
   */
  static float dotF16(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = halves(segment, off + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      acc1 =
          halves(segment, off + 2L * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = halves(segment, off + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
    }
    float sum = VectorMath.sum(acc0.add(acc1));
    for (; i < n; i++) {
      sum += Float16.toFloat(data.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  private static FloatVector halves(Object segment, long off) {
    return VectorMath.halfToFloat(
        (IntVector) load(segment, off).convertShape(VectorOperators.S2I, I, 0));
  }

  private static ShortVector load(Object segment, long off) {
    try {
      return (ShortVector) LOAD.invokeExact(S, segment, off, LE);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
