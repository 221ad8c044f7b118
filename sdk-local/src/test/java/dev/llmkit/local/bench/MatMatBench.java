package dev.llmkit.local.bench;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The prompt's matrix × matrix product ({@link MatMul#matMat}: a weight matrix of a real shape,
 * mapped from a file, times a batch of tokens) in GFLOP/s, next to the float FMA peak this JVM
 * reaches on the same threads (12 independent FMA chains in registers, no memory): the share of the
 * peak that the prompt kernels use. Rounds alternate between the two.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.llmkit.local.bench.MatMatBench --type Q8_0 [--type F16] --shape 2048x2048 \
 *     [--shape 5632x2048] [--tokens 64] [--threads 2] [--rounds 9] [--millis 300]
 * </pre>
 */
public final class MatMatBench {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private MatMatBench() {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    List<String> types = args.all("type").isEmpty() ? List.of("Q8_0") : args.all("type");
    List<String> shapes = args.all("shape").isEmpty() ? List.of("2048x2048") : args.all("shape");
    int tokens = args.intValue("tokens", 64);
    int threads = args.intValue("threads", 2);
    int rounds = args.intValue("rounds", 9);
    long millis = args.intValue("millis", 300);
    Kernels kernels = Kernels.active();
    System.out.println(
        "kernels "
            + kernels.name()
            + ", "
            + tokens
            + " tokens, "
            + threads
            + " threads, load "
            + Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println(
        "| type | rows x cols | matMat GFLOP/s | FMA peak GFLOP/s | share of peak |");
    System.out.println("|---|---|---:|---:|---:|");
    try (ComputePool pool = new ComputePool(threads)) {
      for (String typeName : types) {
        GgmlType kind = MatVecBench.type(typeName);
        for (String shape : shapes) {
          String[] rc = shape.split("x");
          int rows = Integer.parseInt(rc[0]);
          int cols = Integer.parseInt(rc[1]);
          FloatTensor w =
              FloatTensor.of(kind, MatVecBench.mappedRandom(kind, rows, cols), rows, cols);
          float[] x = new float[tokens * cols];
          Random random = new Random(7);
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
          }
          float[] out = new float[tokens * rows];
          double[] product = new double[rounds];
          double[] peak = new double[rounds];
          for (int round = -2; round < rounds; round++) {
            double flops = 2.0 * rows * cols * tokens;
            long start = System.nanoTime();
            int reps = 0;
            do {
              MatMul.matMat(pool, kernels, w, x, tokens, out);
              reps++;
            } while (System.nanoTime() - start < millis * 1_000_000L);
            double p = flops * reps / (System.nanoTime() - start);
            double f = peak(pool, millis);
            if (round >= 0) {
              product[round] = p;
              peak[round] = f;
            }
          }
          double p = MatVecBench.median(product);
          double f = MatVecBench.median(peak);
          System.out.printf(
              Locale.ROOT,
              "| %s | %dx%d | %.1f | %.1f | %.0f %% |%n",
              kind,
              rows,
              cols,
              p,
              f,
              100 * p / f);
        }
      }
    }
  }

  /** GFLOP/s of register-only FMA chains on every thread of the pool for about {@code millis}. */
  private static double peak(ComputePool pool, long millis) {
    int threads = pool.threads();
    double[] sink = new double[threads];
    long[] fmas = new long[threads];
    long start = System.nanoTime();
    pool.forRange(
        threads,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            long n = 0;
            float s = 0;
            while (System.nanoTime() - start < millis * 1_000_000L) {
              s += chains(4096);
              n += 4096L * 12 * F.length();
            }
            sink[i] = s;
            fmas[i] = n;
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    long total = 0;
    for (long n : fmas) {
      total += n;
    }
    return 2.0 * total / seconds / 1e9 + 0 * sink[0];
  }

  /** {@code steps} × 12 independent vector FMAs, all in registers. */
  private static float chains(int steps) {
    FloatVector m = FloatVector.broadcast(F, 0.999f);
    FloatVector a0 = FloatVector.broadcast(F, 1f);
    FloatVector a1 = FloatVector.broadcast(F, 2f);
    FloatVector a2 = FloatVector.broadcast(F, 3f);
    FloatVector a3 = FloatVector.broadcast(F, 4f);
    FloatVector a4 = FloatVector.broadcast(F, 5f);
    FloatVector a5 = FloatVector.broadcast(F, 6f);
    FloatVector a6 = FloatVector.broadcast(F, 7f);
    FloatVector a7 = FloatVector.broadcast(F, 8f);
    FloatVector a8 = FloatVector.broadcast(F, 9f);
    FloatVector a9 = FloatVector.broadcast(F, 10f);
    FloatVector a10 = FloatVector.broadcast(F, 11f);
    FloatVector a11 = FloatVector.broadcast(F, 12f);
    FloatVector c = FloatVector.broadcast(F, 0.001f);
    for (int i = 0; i < steps; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .add(a8)
        .add(a9)
        .add(a10)
        .add(a11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
