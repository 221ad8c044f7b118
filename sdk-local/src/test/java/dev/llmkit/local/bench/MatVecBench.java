package dev.llmkit.local.bench;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import dev.llmkit.local.testing.QuantOracle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One matrix × vector product of a real-shape weight matrix (random weights in a file mapped as the
 * engine maps GGUF files), timed for the generation kernels: {@code dot} = one {@link
 * FloatTensor#dot} per row (the engine before the row kernels), {@code rows} = {@link
 * MatMul#matVec}, i.e. {@link Kernels#dotRows}. The variants alternate round by round so that both
 * see the same machine load; the table gives medians of wall-clock and of process CPU time per
 * product, and their ratios.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.llmkit.local.bench.MatVecBench --type Q8_0 --shape 5632x2048 [--shape 1536x576] \
 *     [--threads 1,2] [--rounds 15] [--millis 300]
 * </pre>
 */
public final class MatVecBench {
  private MatVecBench() {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    List<String> types = args.all("type").isEmpty() ? List.of("Q8_0") : args.all("type");
    List<String> shapes = args.all("shape").isEmpty() ? List.of("5632x2048") : args.all("shape");
    int rounds = args.intValue("rounds", 15);
    long millis = args.intValue("millis", 300);
    Kernels kernels = Kernels.active();
    System.out.println(
        "kernels "
            + kernels.name()
            + ", load "
            + Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println(
        "| type | rows x cols | threads | dot µs | rows µs | rows GB/s | speed-up"
            + " | dot CPU µs | rows CPU µs | CPU speed-up |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String typeName : types) {
      GgmlType kind = type(typeName);
      for (String shape : shapes) {
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]);
        int cols = Integer.parseInt(rc[1]);
        ByteBuffer mapped = mappedRandom(kind, rows, cols);
        FloatTensor w = FloatTensor.of(kind, mapped, rows, cols);
        float[] x = new float[cols];
        Random random = new Random(7);
        for (int i = 0; i < cols; i++) {
          x[i] = (float) random.nextGaussian();
        }
        float[] out = new float[rows];
        for (String t : args.get("threads", "1,2").split(",")) {
          try (ComputePool pool = new ComputePool(Integer.parseInt(t.trim()))) {
            double[][] times = new double[2][rounds];
            double[][] cpu = new double[2][rounds];
            for (int round = -2; round < rounds; round++) {
              for (int v = 0; v < 2; v++) {
                double[] us = time(pool, kernels, w, x, out, v == 1, millis);
                if (round >= 0) {
                  times[v][round] = us[0];
                  cpu[v][round] = us[1];
                }
              }
            }
            double dot = median(times[0]);
            double fast = median(times[1]);
            System.out.printf(
                Locale.ROOT,
                "| %s | %dx%d | %s | %.1f | %.1f | %.2f | %.2f× | %.1f | %.1f" + " | %.2f× |%n",
                kind,
                rows,
                cols,
                t.trim(),
                dot,
                fast,
                kind.byteSize(cols) * (double) rows / fast / 1e3,
                dot / fast,
                median(cpu[0]),
                median(cpu[1]),
                median(cpu[0]) / median(cpu[1]));
          }
        }
      }
    }
  }

  /**
   * Wall-clock and CPU microseconds per product, averaged over {@code millis} of repeats (CPU time
   * is what a loaded machine distorts least): with one thread the calling thread's CPU time (the
   * pool runs everything on it), else the process's (10 ms granularity: use long rounds).
   */
  private static double[] time(
      ComputePool pool,
      Kernels kernels,
      FloatTensor w,
      float[] x,
      float[] out,
      boolean rows,
      long millis) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean thread = ManagementFactory.getThreadMXBean();
    long cpu0 = pool.threads() == 1 ? thread.getCurrentThreadCpuTime() : os.getProcessCpuTime();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    int reps = 0;
    long now;
    do {
      if (rows) {
        MatMul.matVec(pool, kernels, w, x, 0, out, 0);
      } else {
        pool.forRange(
            w.rows(),
            (from, to) -> {
              for (int r = from; r < to; r++) {
                out[r] = w.dot(kernels, r, x, 0);
              }
            });
      }
      reps++;
      now = System.nanoTime();
    } while (now < end);
    return new double[] {
      (now - start) / 1e3 / reps,
      ((pool.threads() == 1 ? thread.getCurrentThreadCpuTime() : os.getProcessCpuTime()) - cpu0)
          / 1e3
          / reps
    };
  }

  /** The computable ggml type named {@code name}, e.g. "Q8_0" or "q4_k". */
  static GgmlType type(String name) {
    for (GgmlType t : GgmlType.values()) {
      if (t.name().equalsIgnoreCase(name) && t.isComputable()) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown --type '" + name + "'; known: " + GgmlType.computableTypeNames());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** The rows in a temporary file, mapped read-only like a GGUF file's tensors. */
  static ByteBuffer mappedRandom(GgmlType kind, int rows, int cols) throws IOException {
    Path file = Files.createTempFile("matvec-", ".bin");
    try {
      Random random = new Random(rows * 31L + cols);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        for (int r = 0; r < rows; r++) {
          ch.write(ByteBuffer.wrap(QuantOracle.random(kind, cols, random)));
        }
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
