package dev.llmkit.local.bench.proto;

import dev.llmkit.local.internal.tensor.Float16;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.internal.tensor.VectorKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prototype, not a test: single-thread Q8_0 matrix × vector over a matrix larger than the caches,
 * with sdk-local's kernel and with candidate layouts, to show what a faster kernel could gain. Run:
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.llmkit.local.bench.proto.Q8_0KernelProto [rows] [cols]
 */
public final class Q8_0KernelProto {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private Q8_0KernelProto() {}

  public static void main(String[] args) {
    if (L != 16) {
      System.out.println(
          "this prototype assumes 512-bit vectors (16 float lanes); this JVM has " + L);
      return;
    }
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 32768;
    int cols = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    int blocks = cols / 32;
    Random random = new Random(1);
    ByteBuffer ggml = ByteBuffer.allocateDirect(rows * blocks * 34).order(LE);
    byte[] quants = new byte[rows * cols];
    float[] scales = new float[rows * blocks];
    random.nextBytes(quants);
    for (int r = 0; r < rows; r++) {
      for (int b = 0; b < blocks; b++) {
        float d = 0.001f + random.nextFloat() * 0.001f;
        short h = Float16.fromFloat(d);
        scales[r * blocks + b] = Float16.toFloat(h);
        int at = (r * blocks + b) * 34;
        ggml.putShort(at, h);
        for (int i = 0; i < 32; i++) {
          ggml.put(at + 2 + i, quants[r * cols + b * 32 + i]);
        }
      }
    }
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] out = new float[rows];
    float[] check = new float[rows];
    Kernels vector = VectorKernels.INSTANCE;
    for (int r = 0; r < rows; r++) {
      check[r] = ScalarKernels.INSTANCE.dotQ8_0(ggml, r * blocks * 34, x, 0, cols);
    }
    ByteBuffer mapped = mapReadOnly(ggml);
    // The same scales with Q4_0 codes (18-byte blocks), and those codes unpacked to one signed byte
    // each.
    ByteBuffer q4 = ByteBuffer.allocateDirect(rows * blocks * 18).order(LE);
    byte[] q4unpacked = new byte[rows * cols];
    float[] q4check = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int b = 0; b < blocks; b++) {
        int at = (r * blocks + b) * 18;
        q4.putShort(at, Float16.fromFloat(scales[r * blocks + b]));
        for (int j = 0; j < 16; j++) {
          int lo = random.nextInt(16);
          int hi = random.nextInt(16);
          q4.put(at + 2 + j, (byte) (lo | hi << 4));
          q4unpacked[r * cols + b * 32 + j] = (byte) (lo - 8);
          q4unpacked[r * cols + b * 32 + 16 + j] = (byte) (hi - 8);
        }
      }
      q4check[r] = ScalarKernels.INSTANCE.dotQ4_0(q4, r * blocks * 18, x, 0, cols);
    }
    ByteBuffer q4mapped = mapReadOnly(q4);
    float[] q4out = new float[rows];
    double mb = rows * blocks * 34 / 1e6;
    for (int round = 0; round < 3; round++) {
      System.out.printf("round %d (%d x %d, %.1f MB)%n", round, rows, cols, mb);
      time(
          "sdk-local VectorKernels.dotQ8_0 (mapped-style ByteBuffer)",
          mb,
          () -> {
            for (int r = 0; r < rows; r++) {
              out[r] = vector.dotQ8_0(ggml, r * blocks * 34, x, 0, cols);
            }
          },
          out,
          check);
      time(
          "sdk-local VectorKernels.dotQ8_0 (read-only mapped file)",
          mb,
          () -> {
            for (int r = 0; r < rows; r++) {
              out[r] = vector.dotQ8_0(mapped, r * blocks * 34, x, 0, cols);
            }
          },
          out,
          check);
      time(
          "ByteBuffer, two accumulators",
          mb,
          () -> {
            for (int r = 0; r < rows; r++) {
              out[r] = bufferTwoAcc(ggml, r * blocks * 34, x, cols);
            }
          },
          out,
          check);
      time(
          "ByteBuffer quants + float[] scales, two accumulators",
          mb,
          () -> {
            for (int r = 0; r < rows; r++) {
              out[r] = bufferScales(ggml, r * blocks * 34, scales, r * blocks, x, cols);
            }
          },
          out,
          check);
      time(
          "repacked: byte[] quants + float[] scales",
          mb,
          () -> {
            for (int r = 0; r < rows; r++) {
              out[r] = repacked(quants, scales, r * cols, r * blocks, x, cols);
            }
          },
          out,
          check);
      double mb4 = rows * blocks * 18 / 1e6;
      time(
          "Q4_0: sdk-local VectorKernels.dotQ4_0 (read-only mapped file)",
          mb4,
          () -> {
            for (int r = 0; r < rows; r++) {
              q4out[r] = vector.dotQ4_0(q4mapped, r * blocks * 18, x, 0, cols);
            }
          },
          q4out,
          q4check);
      time(
          "Q4_0 unpacked at load to byte[] (q - 8) + float[] scales",
          mb4,
          () -> {
            for (int r = 0; r < rows; r++) {
              q4out[r] = repacked(q4unpacked, scales, r * cols, r * blocks, x, cols);
            }
          },
          q4out,
          q4check);
      time(
          "read-only bandwidth (sum of bytes)",
          mb,
          () -> {
            out[0] = bandwidth(ggml);
          },
          null,
          null);
    }
  }

  /** As sdk-local, but the per-block scale goes into two independent accumulators. */
  static float bufferTwoAcc(ByteBuffer w, int off, float[] x, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 1 < blocks; b += 2) {
      int block = off + b * 34;
      FloatVector s0 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 2, LE).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32));
      FloatVector t0 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 2 + L, LE).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + L), s0);
      acc0 = t0.fma(FloatVector.broadcast(F, Float16.toFloat(w.getShort(block))), acc0);
      int block1 = block + 34;
      FloatVector s1 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block1 + 2, LE).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32 + 32));
      FloatVector t1 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block1 + 2 + L, LE).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + 32 + L), s1);
      acc1 = t1.fma(FloatVector.broadcast(F, Float16.toFloat(w.getShort(block1))), acc1);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; b < blocks; b++) {
      sum += ScalarKernels.INSTANCE.dotQ8_0(w, off + b * 34, x, b * 32, 32);
    }
    return sum;
  }

  /** Quants read from the GGUF buffer, scales from a float[] decoded once at load. */
  static float bufferScales(ByteBuffer w, int off, float[] scales, int sOff, float[] x, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 1 < blocks; b += 2) {
      int block = off + b * 34;
      FloatVector s0 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 2, LE).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32));
      FloatVector t0 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 2 + L, LE).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + L), s0);
      acc0 = t0.fma(FloatVector.broadcast(F, scales[sOff + b]), acc0);
      FloatVector s1 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 36, LE).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32 + 32));
      FloatVector t1 =
          ((FloatVector) ByteVector.fromByteBuffer(B, w, block + 36 + L, LE).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + 32 + L), s1);
      acc1 = t1.fma(FloatVector.broadcast(F, scales[sOff + b + 1]), acc1);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; b < blocks; b++) {
      sum += ScalarKernels.INSTANCE.dotQ8_0(w, off + b * 34, x, b * 32, 32);
    }
    return sum;
  }

  /** Quants in a heap byte[] (row-major), scales as floats: what a load-time repack gives. */
  static float repacked(byte[] q, float[] scales, int qOff, int sOff, float[] x, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int blocks = n / 32;
    int b = 0;
    for (; b + 1 < blocks; b += 2) {
      int at = qOff + b * 32;
      FloatVector s0 =
          ((FloatVector) ByteVector.fromArray(B, q, at).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32));
      FloatVector t0 =
          ((FloatVector) ByteVector.fromArray(B, q, at + L).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + L), s0);
      acc0 = t0.fma(FloatVector.broadcast(F, scales[sOff + b]), acc0);
      FloatVector s1 =
          ((FloatVector) ByteVector.fromArray(B, q, at + 32).castShape(F, 0))
              .mul(FloatVector.fromArray(F, x, b * 32 + 32));
      FloatVector t1 =
          ((FloatVector) ByteVector.fromArray(B, q, at + 32 + L).castShape(F, 0))
              .fma(FloatVector.fromArray(F, x, b * 32 + 32 + L), s1);
      acc1 = t1.fma(FloatVector.broadcast(F, scales[sOff + b + 1]), acc1);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; b < blocks; b++) {
      for (int i = 0; i < 32; i++) {
        sum += scales[sOff + b] * q[qOff + b * 32 + i] * x[b * 32 + i];
      }
    }
    return sum;
  }

  /** The same bytes as GgufFile sees them: a READ_ONLY mapping of a file. */
  static ByteBuffer mapReadOnly(ByteBuffer data) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("q8proto", ".bin");
      file.toFile().deleteOnExit();
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(
              file,
              java.nio.file.StandardOpenOption.READ,
              java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(data.duplicate().position(0));
        return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, data.capacity())
            .order(LE);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static float bandwidth(ByteBuffer w) {
    VectorSpecies<Byte> wide = ByteVector.SPECIES_PREFERRED;
    ByteVector acc = ByteVector.zero(wide);
    int n = wide.loopBound(w.capacity());
    for (int i = 0; i < n; i += wide.length()) {
      acc = acc.add(ByteVector.fromByteBuffer(wide, w, i, LE));
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  private static void time(String name, double mb, Runnable body, float[] out, float[] check) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      body.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    double maxErr = 0;
    if (out != null) {
      for (int r = 0; r < out.length; r++) {
        maxErr = Math.max(maxErr, Math.abs(out[r] - check[r]) / (1e-3 + Math.abs(check[r])));
      }
    }
    System.out.printf(
        "  %-58s %7.2f ms  %6.2f GB/s  maxRelErr %.1e%n",
        name, best / 1e6, mb / 1e3 / (best / 1e9), maxErr);
  }
}
