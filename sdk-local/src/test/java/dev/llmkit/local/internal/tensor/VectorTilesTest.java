package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The prompt-batch kernels (row decode, 4 × 4 tile, matMat over them): vector against scalar. */
class VectorTilesTest {
  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  private static Stream<Arguments> types() {
    return TensorTypes.supported().stream()
        .map(t -> Arguments.of(t, (t.blockSize() == 1 ? 37 : 3) * t.blockSize()));
  }

  private static FloatTensor random(GgmlType type, int rows, int cols, Random random) {
    return FloatTensor.of(
        type, ByteBuffer.wrap(QuantOracle.random(type, rows * cols, random)), rows, cols);
  }

  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("types")
  void vectorDecodeRowEqualsDequantizeRow(GgmlType type, int cols) {
    Kernels vector = vector();
    Random random = new Random(type.id());
    FloatTensor w = random(type, 3, cols, random);
    float[] expected = new float[cols];
    float[] actual = new float[cols + 2];

    for (int row = 0; row < 3; row++) {
      w.dequantizeRow(row, expected, 0);
      vector.decodeRow(w, row, actual, 2);
      for (int i = 0; i < cols; i++) {
        // Q4_K's vector decode fuses scale × q − min into one rounding
        assertThat(actual[2 + i])
            .as("row %d element %d", row, i)
            .isCloseTo(expected[i], Offset.offset(1e-6f * Math.max(1f, Math.abs(expected[i]))));
      }
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 15, 16, 17, 64, 577})
  void vectorDot4x4MatchesScalar(int n) {
    Kernels vector = vector();
    Random random = new Random(n);
    float[] w = new float[3 + 4 * n];
    float[] x = new float[5 + 4 * (n + 2)];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] expected = new float[16];
    float[] actual = new float[16];

    ScalarKernels.INSTANCE.dot4x4(w, 3, x, 5, n + 2, n, expected);
    vector.dot4x4(w, 3, x, 5, n + 2, n, actual);

    for (int k = 0; k < 16; k++) {
      float single = ScalarKernels.INSTANCE.dot(w, 3 + (k / 4) * n, x, 5 + (k % 4) * (n + 2), n);
      assertThat(expected[k]).as("scalar %d", k).isEqualTo(single);
      assertThat(actual[k])
          .as("vector %d", k)
          .isCloseTo(single, Offset.offset(1e-5f * (float) Math.sqrt(n) * 4));
    }
  }

  /** Row counts and batches with remainders after the 4 × 4 tiles, split over three threads. */
  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("types")
  void vectorMatMatEqualsRowDots(GgmlType type, int cols) {
    Kernels vector = vector();
    Random random = new Random(type.id() + 100L);
    int rows = 23;
    int batch = 11;
    FloatTensor w = random(type, rows, cols, random);
    float[] x = new float[batch * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] out = new float[batch * rows];

    try (ComputePool pool = new ComputePool(3)) {
      MatMul.matMat(pool, vector, w, x, batch, out);
    }

    float[] row = new float[cols];
    for (int r = 0; r < rows; r++) {
      w.dequantizeRow(r, row, 0);
      for (int b = 0; b < batch; b++) {
        double expected = 0;
        double magnitude = 0;
        for (int c = 0; c < cols; c++) {
          expected += (double) row[c] * x[b * cols + c];
          magnitude += Math.abs((double) row[c] * x[b * cols + c]);
        }
        assertThat((double) out[b * rows + r])
            .as("row %d token %d", r, b)
            .isCloseTo(expected, Offset.offset(1e-5 * magnitude + 1e-6));
      }
    }
  }
}
