package dev.llmkit.local.internal.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
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
 * Each kernel runs the operations of its array twin in {@code VectorKernels} ({@code rowF16},
 * {@code rowQ8_0}, {@code rowQ4_0}) in their order, block scales read from the buffer; {@code
 * SegmentLoadsTest} compares them bit for bit (on a JDK where this class is available).
 */
final class SegmentLoads {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));

  /** {@code MemorySegment.ofBuffer(Buffer)} typed {@code (ByteBuffer)Object}, or null. */
  private static final @Nullable MethodHandle OF_BUFFER;

  /**
   * {@code ShortVector.fromMemorySegment} typed {@code (VectorSpecies, Object, long, ByteOrder)};
   * where unavailable, a handle that throws (never called: {@link #AVAILABLE} is false).
   */
  private static final MethodHandle LOAD;

  /** {@code ByteVector.fromMemorySegment}, typed and stood in for as {@link #LOAD}. */
  private static final MethodHandle LOAD_BYTES;

  /** Whether this JVM loads vectors from a memory segment (JDK 22 and newer). */
  static final boolean AVAILABLE;

  static {
    MethodHandle ofBuffer = null;
    MethodHandle shorts = null;
    MethodHandle bytes = null;
    if (Runtime.version().feature() >= 22) {
      try {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        ofBuffer =
            MethodHandles.publicLookup()
                .findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class))
                .asType(MethodType.methodType(Object.class, ByteBuffer.class));
        shorts = vectorLoad(ShortVector.class, segment);
        bytes = vectorLoad(ByteVector.class, segment);
      } catch (ReflectiveOperationException | LinkageError e) {
        ofBuffer = null;
      }
    }
    OF_BUFFER = ofBuffer;
    AVAILABLE = ofBuffer != null && shorts != null && bytes != null;
    LOAD = AVAILABLE && shorts != null ? shorts : unavailable(ShortVector.class);
    LOAD_BYTES = AVAILABLE && bytes != null ? bytes : unavailable(ByteVector.class);
  }

  /** {@code vector.fromMemorySegment(species, segment, offset, order)}, the segment as Object. */
  private static MethodHandle vectorLoad(Class<?> vector, Class<?> segment)
      throws ReflectiveOperationException {
    return MethodHandles.publicLookup()
        .findStatic(
            vector,
            "fromMemorySegment",
            MethodType.methodType(
                vector, VectorSpecies.class, segment, long.class, ByteOrder.class))
        .asType(
            MethodType.methodType(
                vector, VectorSpecies.class, Object.class, long.class, ByteOrder.class));
  }

  /** A handle of the loads' type that throws (never called: {@link #AVAILABLE} is false). */
  private static MethodHandle unavailable(Class<?> vector) {
    return MethodHandles.dropArguments(
        MethodHandles.throwException(vector, UnsupportedOperationException.class)
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

  /**
   * {@code VectorKernels.rowQ8_0} on the {@link #segment} of {@code data} itself, from byte {@code
   * off}; only when {@link #AVAILABLE}.
   */
  static float dotQ8_0(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      int xb = xOff + b * 32;
      acc0 = q8Block(segment, block, x, xb).fma(scale(data, block), acc0);
      int next = block + Q8_0Tensor.BLOCK_BYTES;
      acc1 = q8Block(segment, next, x, xb + 32).fma(scale(data, next), acc1);
    }
    if (b < blocks) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      acc0 = q8Block(segment, block, x, xOff + b * 32).fma(scale(data, block), acc0);
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  private static FloatVector q8Block(Object segment, long block, float[] x, int xb) {
    FloatVector t = signedBytes(segment, block + 2).mul(FloatVector.fromArray(F, x, xb));
    for (int j = L; j < 32; j += L) {
      t = signedBytes(segment, block + 2 + j).fma(FloatVector.fromArray(F, x, xb + j), t);
    }
    return t;
  }

  /**
   * {@code VectorKernels.rowQ4_0} on the {@link #segment} of {@code data} itself, from byte {@code
   * off}; only when {@link #AVAILABLE}.
   */
  static float dotQ4_0(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      int xb = xOff + b * 32;
      acc0 = q4Block(segment, block, x, xb).fma(scale(data, block), acc0);
      int next = block + Q4_0Tensor.BLOCK_BYTES;
      acc1 = q4Block(segment, next, x, xb + 32).fma(scale(data, next), acc1);
    }
    if (b < blocks) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      acc0 = q4Block(segment, block, x, xOff + b * 32).fma(scale(data, block), acc0);
    }
    return VectorMath.sum(acc0.add(acc1));
  }

  private static FloatVector q4Block(Object segment, long block, float[] x, int xb) {
    IntVector q = centred(segment, block + 2);
    FloatVector t = VectorStepTiles.low(q).mul(FloatVector.fromArray(F, x, xb));
    t = VectorStepTiles.high(q).fma(FloatVector.fromArray(F, x, xb + 16), t);
    for (int j = L; j < 16; j += L) {
      q = centred(segment, block + 2 + j);
      t = VectorStepTiles.low(q).fma(FloatVector.fromArray(F, x, xb + j), t);
      t = VectorStepTiles.high(q).fma(FloatVector.fromArray(F, x, xb + 16 + j), t);
    }
    return t;
  }

  /** As {@code VectorStepTiles.centred}, from the segment. */
  private static IntVector centred(Object segment, long off) {
    return (IntVector)
        bytes(segment, off)
            .lanewise(VectorOperators.XOR, (byte) 0x88)
            .convertShape(VectorOperators.B2I, I, 0);
  }

  private static FloatVector scale(ByteBuffer data, int block) {
    return FloatVector.broadcast(F, Float16.toFloat(data.getShort(block)));
  }

  private static FloatVector signedBytes(Object segment, long off) {
    return (FloatVector) bytes(segment, off).convertShape(VectorOperators.B2F, F, 0);
  }

  private static ByteVector bytes(Object segment, long off) {
    try {
      return (ByteVector) LOAD_BYTES.invokeExact(B, segment, off, LE);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
