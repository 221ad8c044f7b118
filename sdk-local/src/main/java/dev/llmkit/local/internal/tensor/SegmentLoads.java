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
 * The F16, Q8_0, Q4_0, Q5_0 and Q5_K matrix × vector kernels reading mapped weights in place on JDK
 * 22 and newer, through {@code ShortVector}/{@code ByteVector.fromMemorySegment} over {@code
 * MemorySegment.ofBuffer} of the tensor's bytes ({@link #AVAILABLE}); {@link VectorQ4_KRows} reads
 * Q4_K rows in place through {@link #LOAD_BYTES} the same way. JDK 17 and 18 read F16 in place
 * through {@link BufferLoads} and copy quantized rows; on 19–21 the memory segment API is a preview
 * and every row is copied to an array first ({@link WeightBytes}). Reading in place made TinyLlama
 * generation on JDK 25 about 1.4× faster in Q8_0 and Q4_0 and 1.6× in F16 (BENCHMARKS.md, session
 * 17).
 *
 * <p>llmkit is compiled for Java 17, which cannot name {@code MemorySegment}: both methods are
 * looked up once, as method handles typed with {@code Object} for the segment, and held in static
 * final fields, which C2 treats as constants and inlines down to the Vector API's load intrinsic.
 * Each kernel runs the operations of its array twin ({@code VectorKernels.rowF16}, {@code rowQ8_0},
 * {@code rowQ4_0}; {@code VectorBlockDots.dotQ5_0}, {@code dotQ5_K}) in their order, block scales
 * read from the buffer; {@code SegmentLoadsTest} compares them bit for bit (on a JDK where this
 * class is available).
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
  static final MethodHandle LOAD_BYTES;

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

  /**
   * Whether {@code w} is read in place through a memory segment: on JDK 22 and newer, for a direct
   * buffer (the mapped file). A heap buffer (tests, weights built in memory) is copied like on
   * older JDKs: its segment would be a third class behind the load's call sites, and C2 would stop
   * inlining them for the mapped weights too.
   */
  static boolean inPlace(FloatTensor w) {
    return AVAILABLE && w.data.isDirect();
  }

  /** The tensor's memory segment, made on first use. */
  static Object of(FloatTensor w) {
    Object segment = w.segment;
    if (segment == null) {
      segment = segment(w.data);
      w.segment = segment;
    }
    return segment;
  }

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
   *
   * <p>Each kernel is one method, its loads written out in it: a helper around a method handle call
   * is large once C1 has compiled it, C2 then declines to inline it ("already compiled into a big
   * method"), its vectors cross a call and the kernel runs in the Vector API's fallback for good.
   * Measured on JDK 25 with helpers: one TinyLlama Q8_0 run of ten stalled there for minutes.
   */
  static float dotF16(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    try {
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int i = 0;
      for (; i + 2 * L <= n; i += 2 * L) {
        ShortVector h0 = (ShortVector) LOAD.invokeExact(S, segment, off + 2L * i, LE);
        ShortVector h1 = (ShortVector) LOAD.invokeExact(S, segment, off + 2L * (i + L), LE);
        acc0 =
            VectorMath.halfToFloat((IntVector) h0.convertShape(VectorOperators.S2I, I, 0))
                .fma(FloatVector.fromArray(F, x, xOff + i), acc0);
        acc1 =
            VectorMath.halfToFloat((IntVector) h1.convertShape(VectorOperators.S2I, I, 0))
                .fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
      }
      for (; i + L <= n; i += L) {
        ShortVector h = (ShortVector) LOAD.invokeExact(S, segment, off + 2L * i, LE);
        acc0 =
            VectorMath.halfToFloat((IntVector) h.convertShape(VectorOperators.S2I, I, 0))
                .fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      }
      float sum = VectorMath.sum(acc0.add(acc1));
      for (; i < n; i++) {
        sum += Float16.toFloat(data.getShort(off + 2 * i)) * x[xOff + i];
      }
      return sum;
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /**
   * {@code VectorKernels.rowQ8_0} on the {@link #segment} of {@code data} itself, from byte {@code
   * off}; only when {@link #AVAILABLE}. Blocks in pairs into two accumulators, each block's L-byte
   * loads widened to floats, as the copied kernel does.
   */
  static float dotQ8_0(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    try {
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int blocks = n / 32;
      for (int b = 0; b < blocks; b++) {
        int block = off + b * Q8_0Tensor.BLOCK_BYTES;
        int xb = xOff + b * 32;
        ByteVector q = (ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 2L, LE);
        FloatVector t =
            ((FloatVector) q.convertShape(VectorOperators.B2F, F, 0))
                .mul(FloatVector.fromArray(F, x, xb));
        for (int j = L; j < 32; j += L) {
          q = (ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 2L + j, LE);
          t =
              ((FloatVector) q.convertShape(VectorOperators.B2F, F, 0))
                  .fma(FloatVector.fromArray(F, x, xb + j), t);
        }
        FloatVector scale = FloatVector.broadcast(F, Float16.toFloat(data.getShort(block)));
        if ((b & 1) == 0) {
          acc0 = t.fma(scale, acc0);
        } else {
          acc1 = t.fma(scale, acc1);
        }
      }
      return VectorMath.sum(acc0.add(acc1));
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /**
   * {@code VectorKernels.rowQ4_0} on the {@link #segment} of {@code data} itself, from byte {@code
   * off}; only when {@link #AVAILABLE}. Nibbles centred and split as {@code
   * VectorStepTiles.centred}, {@code low} and {@code high} do.
   */
  static float dotQ4_0(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    try {
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int blocks = n / 32;
      for (int b = 0; b < blocks; b++) {
        int block = off + b * Q4_0Tensor.BLOCK_BYTES;
        int xb = xOff + b * 32;
        ByteVector bytes = (ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 2L, LE);
        IntVector q =
            (IntVector)
                bytes
                    .lanewise(VectorOperators.XOR, (byte) 0x88)
                    .convertShape(VectorOperators.B2I, I, 0);
        FloatVector t = VectorStepTiles.low(q).mul(FloatVector.fromArray(F, x, xb));
        t = VectorStepTiles.high(q).fma(FloatVector.fromArray(F, x, xb + 16), t);
        for (int j = L; j < 16; j += L) {
          bytes = (ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 2L + j, LE);
          q =
              (IntVector)
                  bytes
                      .lanewise(VectorOperators.XOR, (byte) 0x88)
                      .convertShape(VectorOperators.B2I, I, 0);
          t = VectorStepTiles.low(q).fma(FloatVector.fromArray(F, x, xb + j), t);
          t = VectorStepTiles.high(q).fma(FloatVector.fromArray(F, x, xb + 16 + j), t);
        }
        FloatVector scale = FloatVector.broadcast(F, Float16.toFloat(data.getShort(block)));
        if ((b & 1) == 0) {
          acc0 = t.fma(scale, acc0);
        } else {
          acc1 = t.fma(scale, acc1);
        }
      }
      return VectorMath.sum(acc0.add(acc1));
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /**
   * {@link VectorBlockDots#dotQ5_0} on the row at byte {@code off} of a mapped tensor, read in
   * place: the same operations in the same order, so the same value bit for bit.
   */
  static float dotQ5_0(Object segment, ByteBuffer data, int off, float[] x, int xOff, int n) {
    try {
      int blockBytes = LegacyFormat.Q5_0.blockBytes;
      FloatVector acc = FloatVector.zero(F);
      for (int b = 0; b < n / 32; b++) {
        int block = off + b * blockBytes;
        IntVector notHigh = IntVector.broadcast(I, ~data.getInt(block + 2));
        int xb = xOff + 32 * b;
        FloatVector t = FloatVector.zero(F);
        for (int j = 0; j < 16; j += L) {
          IntVector q =
              (IntVector)
                  ((ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 6L + j, LE))
                      .convertShape(VectorOperators.B2I, I, 0);
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
          t =
              ((FloatVector) lo.convertShape(VectorOperators.I2F, F, 0))
                  .fma(FloatVector.fromArray(F, x, xb + j), t);
          t =
              ((FloatVector) hi.convertShape(VectorOperators.I2F, F, 0))
                  .fma(FloatVector.fromArray(F, x, xb + 16 + j), t);
        }
        acc = t.fma(FloatVector.broadcast(F, Float16.toFloat(data.getShort(block))), acc);
      }
      return VectorMath.sum(acc);
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /**
   * {@link VectorBlockDots#dotQ5_K(byte[], int, float[], int, int, float[])} on the row at byte
   * {@code off} of a mapped tensor, read in place: the same operations in the same order.
   */
  static float dotQ5_K(
      Object segment, ByteBuffer data, int off, float[] x, int xOff, int n, float[] sums) {
    try {
      int[] scales = new int[8];
      int[] mins = new int[8];
      FloatVector acc = FloatVector.zero(F);
      float minTerm = 0f;
      for (int b = 0; b < n / 256; b++) {
        int block = off + b * Q5_KFormat.INSTANCE.blockBytes;
        int dAndMin = data.getInt(block);
        float d = Float16.toFloat((short) dAndMin);
        float dmin = Float16.toFloat((short) (dAndMin >>> 16));
        KQuants.unpackScales(data, block + 4, scales, mins);
        int xb = xOff + b * 256;
        for (int c = 0; c < 4; c++) {
          FloatVector tLo = FloatVector.zero(F);
          FloatVector tHi = FloatVector.zero(F);
          for (int j = 0; j < 32; j += L) {
            IntVector q =
                (IntVector)
                    ((ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 48L + 32 * c + j, LE))
                        .convertShape(VectorOperators.B2I, I, 0);
            IntVector h =
                (IntVector)
                    ((ByteVector) LOAD_BYTES.invokeExact(B, segment, block + 16L + j, LE))
                        .convertShape(VectorOperators.B2I, I, 0);
            IntVector lo =
                h.lanewise(VectorOperators.LSHL, 31 - 2 * c)
                    .lanewise(VectorOperators.LSHR, 27)
                    .bitwiseBlend(q, 0x0F);
            IntVector hi =
                h.lanewise(VectorOperators.LSHL, 30 - 2 * c)
                    .lanewise(VectorOperators.LSHR, 27)
                    .bitwiseBlend(q.lanewise(VectorOperators.LSHR, 4), 0x0F);
            tLo =
                ((FloatVector) lo.convertShape(VectorOperators.I2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, xb + 64 * c + j), tLo);
            tHi =
                ((FloatVector) hi.convertShape(VectorOperators.I2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, xb + 64 * c + 32 + j), tHi);
          }
          acc = tLo.fma(FloatVector.broadcast(F, d * scales[2 * c]), acc);
          acc = tHi.fma(FloatVector.broadcast(F, d * scales[2 * c + 1]), acc);
          minTerm += dmin * mins[2 * c] * sums[8 * b + 2 * c];
          minTerm += dmin * mins[2 * c + 1] * sums[8 * b + 2 * c + 1];
        }
      }
      return VectorMath.sum(acc) - minTerm;
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  static RuntimeException rethrown(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(t);
  }
}
