package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generation-step products: for every tensor type and every batch size from 1 to 9 (one and two
 * four-token groups with each remainder), each token's products equal, bit for bit, those of the
 * token stepped alone, and agree with a double-precision sum over the dequantized weights.
 */
class TiledProductsTest {
  private static ComputePool pool;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  /** Every type with rows of three blocks; F32/F16/BF16 rows of 37 (a tail after whole vectors). */
  private static Stream<Arguments> types() {
    return TensorTypes.supported().stream()
        .map(t -> Arguments.of(t, (t.blockSize() == 1 ? 37 : 3) * t.blockSize()));
  }

  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("types")
  void vectorBatchedProductsEqualProductsAloneAndMatVec(GgmlType type, int cols) {
    checkBatchedEqualsAlone(vector(), type, cols);
  }

  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("types")
  void scalarBatchedProductsEqualProductsAloneAndMatVec(GgmlType type, int cols) {
    checkBatchedEqualsAlone(ScalarKernels.INSTANCE, type, cols);
  }

  private static void checkBatchedEqualsAlone(Kernels kernels, GgmlType type, int cols) {
    Random random = new Random(type.id() * 31L + cols);
    int rows = 9; // two groups of four rows and one left over, over three threads
    FloatTensor w =
        FloatTensor.of(
            type, ByteBuffer.wrap(QuantOracle.random(type, rows * cols, random)), rows, cols);
    FloatTensor other = FloatTensor.of(GgmlType.F32, f32Bytes(5 * cols, random), 5, cols);
    float[][] dequantized = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      w.dequantizeRow(r, dequantized[r], 0);
    }
    for (int tokens = 1; tokens <= 9; tokens++) {
      float[] x = new float[tokens * cols];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      float[] out = new float[tokens * rows];
      float[] otherOut = new float[tokens * 5];
      TiledProducts.products(
          pool, kernels, new FloatTensor[] {w, other}, x, tokens, new float[][] {out, otherOut});
      for (int t = 0; t < tokens; t++) {
        float[] alone = new float[rows];
        TiledProducts.products(
            pool,
            kernels,
            new FloatTensor[] {w},
            Arrays.copyOfRange(x, t * cols, (t + 1) * cols),
            1,
            new float[][] {alone});
        assertThat(Arrays.copyOfRange(out, t * rows, (t + 1) * rows))
            .as("%s, %d tokens, token %d", type, tokens, t)
            .containsExactly(alone);
        float[] matVec = new float[rows];
        MatMul.matVec(pool, kernels, w, x, t * cols, matVec, 0);
        assertThat(alone)
            .as("%s, token %d alone vs the matrix x vector product", type, t)
            .containsExactly(matVec);
        for (int r = 0; r < rows; r++) {
          double expected = 0;
          double magnitude = 0;
          for (int c = 0; c < cols; c++) {
            double p = (double) dequantized[r][c] * x[t * cols + c];
            expected += p;
            magnitude += Math.abs(p);
          }
          assertThat((double) alone[r])
              .as("%s, token %d, row %d", type, t, r)
              .isCloseTo(expected, Offset.offset(1e-5 * magnitude + 1e-6));
        }
      }
    }
  }

  private static ByteBuffer f32Bytes(int count, Random random) {
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      b.putFloat(4 * i, (float) random.nextGaussian());
    }
    return b;
  }

  @Test
  void rejectsMatricesOfDifferentRowLengths() {
    FloatTensor a = FloatTensor.of(GgmlType.F32, ByteBuffer.allocate(4 * 64), 2, 32);
    FloatTensor b = FloatTensor.of(GgmlType.F32, ByteBuffer.allocate(4 * 64), 4, 16);
    assertThatThrownBy(
            () ->
                TiledProducts.products(
                    pool,
                    ScalarKernels.INSTANCE,
                    new FloatTensor[] {a, b},
                    new float[32],
                    1,
                    new float[][] {new float[2], new float[4]}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different row lengths");
  }
}
