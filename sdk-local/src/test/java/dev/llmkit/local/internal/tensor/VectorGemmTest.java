package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prompt-batch matrix × matrix product with the vector kernels ({@link VectorGemm}). */
class VectorGemmTest {
  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  /** The documented order: an FMA chain per block of {@link VectorGemm#BLOCK}, blocks in order. */
  private static float blockedDot(float[] w, float[] x, int xOff) {
    float total = 0;
    for (int k0 = 0; k0 < w.length; k0 += VectorGemm.BLOCK) {
      float block = 0;
      for (int k = k0; k < Math.min(w.length, k0 + VectorGemm.BLOCK); k++) {
        block = Math.fma(w[k], x[xOff + k], block);
      }
      total += block;
    }
    return total;
  }

  @ParameterizedTest(name = "{0} {1}x{2}, {3} tokens")
  @CsvSource({
    "F32, 13, 100, 8", // a row group and a token block both partly empty
    "F32, 6, 64, 16",
    "Q8_0, 37, 256, 17",
    "Q4_0, 12, 160, 31",
    "Q4_K, 7, 512, 32",
    "F16, 19, 96, 33",
    "Q6_K, 25, 256, 70",
    "Q5_0, 6, 64, 100"
  })
  void everyProductIsTheBlockedChainOverTheDecodedRow(
      GgmlType type, int rows, int cols, int tokens) {
    Kernels vector = vector();
    Random random = new Random(rows * 31 + tokens);
    FloatTensor w =
        FloatTensor.of(
            type, ByteBuffer.wrap(QuantOracle.random(type, rows * cols, random)), rows, cols);
    float[] x = new float[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] out = new float[tokens * rows];
    Arrays.fill(out, Float.NaN);

    try (ComputePool pool = new ComputePool(2)) {
      MatMul.matMat(pool, vector, w, x, tokens, out);
    }

    float[] row = new float[cols];
    for (int r = 0; r < rows; r++) {
      w.dequantizeRow(r, row, 0);
      for (int t = 0; t < tokens; t++) {
        assertThat(out[t * rows + r])
            .as("row %d token %d", r, t)
            .isEqualTo(blockedDot(row, x, t * cols));
      }
    }
  }

  @ParameterizedTest(name = "{0} tokens")
  @CsvSource({"11", "20", "45"}) // every batch here, and the tail 3 shorter, at least MIN_BATCH
  void aTokensProductsDoNotDependOnTheBatch(int tokens) {
    Kernels vector = vector();
    Random random = new Random(tokens);
    int rows = 20;
    int cols = 128;
    FloatTensor w =
        FloatTensor.of(
            GgmlType.Q8_0,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.Q8_0, rows * cols, random)),
            rows,
            cols);
    float[] x = new float[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] whole = new float[tokens * rows];
    float[] tail = new float[(tokens - 3) * rows];
    try (ComputePool pool = new ComputePool(2)) {
      MatMul.matMat(pool, vector, w, x, tokens, whole);
      MatMul.matMat(pool, vector, w, Arrays.copyOfRange(x, 3 * cols, x.length), tokens - 3, tail);
    }
    assertThat(Arrays.copyOfRange(whole, 3 * rows, whole.length)).isEqualTo(tail);
  }
}
