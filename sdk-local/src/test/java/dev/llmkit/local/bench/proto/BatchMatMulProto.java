package dev.llmkit.local.bench.proto;

import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.VectorKernels;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prototype, not a test: the prompt-batch product of decoded weight rows (float) with a batch of
 * activation rows. "row × each activation" is what sdk-local's MatMul.matMat does after decoding a
 * row (two loads per FMA); the 4 × 4 tile reuses each loaded weight and activation vector four
 * times (eight loads per sixteen FMAs). Single thread. Run: java --add-modules jdk.incubator.vector
 * -cp ... dev.llmkit.local.bench.proto.BatchMatMulProto
 */
public final class BatchMatMulProto {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private BatchMatMulProto() {}

  public static void main(String[] args) {
    int rows = 2816;
    int cols = 1024;
    int batch = 32;
    Random random = new Random(1);
    float[] w = new float[rows * cols];
    float[] x = new float[batch * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextFloat() - 0.5f;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() - 0.5f;
    }
    float[] out = new float[batch * rows];
    float[] check = new float[batch * rows];
    Kernels k = VectorKernels.INSTANCE;
    rowTimesEach(k, w, x, rows, cols, batch, check);
    double gflop = 2.0 * rows * cols * batch / 1e9;
    for (int round = 0; round < 3; round++) {
      System.out.printf("round %d: %d x %d weights, batch %d%n", round, rows, cols, batch);
      time(
          "row × each activation (sdk-local matMat after decode)",
          gflop,
          () -> rowTimesEach(k, w, x, rows, cols, batch, out),
          out,
          check);
      time(
          "4 rows × 4 activations register tile",
          gflop,
          () -> tiled(w, x, rows, cols, batch, out),
          out,
          check);
    }
  }

  static void rowTimesEach(
      Kernels k, float[] w, float[] x, int rows, int cols, int batch, float[] out) {
    for (int r = 0; r < rows; r++) {
      for (int b = 0; b < batch; b++) {
        out[b * rows + r] = k.dot(w, r * cols, x, b * cols, cols);
      }
    }
  }

  /** rows and batch multiples of 4, cols a multiple of L. */
  static void tiled(float[] w, float[] x, int rows, int cols, int batch, float[] out) {
    for (int r = 0; r < rows; r += 4) {
      int w0 = r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
      for (int b = 0; b < batch; b += 4) {
        int x0 = b * cols, x1 = x0 + cols, x2 = x1 + cols, x3 = x2 + cols;
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < cols; i += L) {
          FloatVector v0 = FloatVector.fromArray(F, x, x0 + i);
          FloatVector v1 = FloatVector.fromArray(F, x, x1 + i);
          FloatVector v2 = FloatVector.fromArray(F, x, x2 + i);
          FloatVector v3 = FloatVector.fromArray(F, x, x3 + i);
          FloatVector u = FloatVector.fromArray(F, w, w0 + i);
          a00 = u.fma(v0, a00);
          a01 = u.fma(v1, a01);
          a02 = u.fma(v2, a02);
          a03 = u.fma(v3, a03);
          u = FloatVector.fromArray(F, w, w1 + i);
          a10 = u.fma(v0, a10);
          a11 = u.fma(v1, a11);
          a12 = u.fma(v2, a12);
          a13 = u.fma(v3, a13);
          u = FloatVector.fromArray(F, w, w2 + i);
          a20 = u.fma(v0, a20);
          a21 = u.fma(v1, a21);
          a22 = u.fma(v2, a22);
          a23 = u.fma(v3, a23);
          u = FloatVector.fromArray(F, w, w3 + i);
          a30 = u.fma(v0, a30);
          a31 = u.fma(v1, a31);
          a32 = u.fma(v2, a32);
          a33 = u.fma(v3, a33);
        }
        out[b * rows + r] = a00.reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r] = a01.reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r] = a02.reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r] = a03.reduceLanes(VectorOperators.ADD);
        out[b * rows + r + 1] = a10.reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r + 1] = a11.reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r + 1] = a12.reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r + 1] = a13.reduceLanes(VectorOperators.ADD);
        out[b * rows + r + 2] = a20.reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r + 2] = a21.reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r + 2] = a22.reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r + 2] = a23.reduceLanes(VectorOperators.ADD);
        out[b * rows + r + 3] = a30.reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r + 3] = a31.reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r + 3] = a32.reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r + 3] = a33.reduceLanes(VectorOperators.ADD);
      }
    }
  }

  private static void time(String name, double gflop, Runnable body, float[] out, float[] check) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      body.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    double maxErr = 0;
    for (int i = 0; i < out.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(out[i] - check[i]));
    }
    System.out.printf(
        "  %-56s %7.2f ms  %6.1f GFLOP/s  maxAbsDiff %.1e%n",
        name, best / 1e6, gflop / (best / 1e9), maxErr);
  }
}
