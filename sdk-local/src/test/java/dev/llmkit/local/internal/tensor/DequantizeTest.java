package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tensor decoding against the independent test-side oracle of the ggml block layouts. */
class DequantizeTest {
  /** Every type of the TensorTypes table: a new type is tested once QuantOracle knows it. */
  static Stream<GgmlType> supportedTypes() {
    return TensorTypes.supported().stream();
  }

  @ParameterizedTest
  @MethodSource("supportedTypes")
  void dequantizeRowAndGetFloatMatchTheOracle(GgmlType type) {
    int cols = 512;
    int rows = 3;
    byte[] bytes = QuantOracle.random(type, rows * cols, new Random(type.id()));
    FloatTensor t = FloatTensor.of(type, ByteBuffer.wrap(bytes), rows, cols);
    float[] expected = QuantOracle.dequantize(type, bytes, rows * cols);

    float[] row = new float[cols + 1];
    for (int r = 0; r < rows; r++) {
      t.dequantizeRow(r, row, 1);
      for (int c = 0; c < cols; c++) {
        float e = expected[r * cols + c];
        assertThat(row[1 + c])
            .as("dequantizeRow %d,%d", r, c)
            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-6f * (1 + Math.abs(e))));
        assertThat(t.getFloat((long) r * cols + c))
            .as("getFloat %d,%d", r, c)
            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-6f * (1 + Math.abs(e))));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("supportedTypes")
  void scalarDotMatchesDotOfOracleValues(GgmlType type) {
    int cols = 768;
    Random random = new Random(100 + type.id());
    byte[] bytes = QuantOracle.random(type, 2 * cols, random);
    FloatTensor t = FloatTensor.of(type, ByteBuffer.wrap(bytes), 2, cols);
    float[] w = QuantOracle.dequantize(type, bytes, 2 * cols);
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) {
      x[i] = (float) random.nextGaussian();
    }

    for (int r = 0; r < 2; r++) {
      double expected = 0;
      double magnitude = 0;
      for (int i = 0; i < cols; i++) {
        expected += (double) w[r * cols + i] * x[i];
        magnitude += Math.abs((double) w[r * cols + i] * x[i]);
      }
      float actual = t.dot(ScalarKernels.INSTANCE, r, x, 0);

      assertThat((double) actual)
          .as("row %d", r)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * magnitude + 1e-6));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"F32", "IQ3_S", "IQ2_XXS", "Q8_1"})
  void unsupportedTypesAreRejectedWithTheSupportedList(GgmlType type) {
    if (type.isComputable()) {
      assertThat(FloatTensor.of(type, ByteBuffer.allocate((int) type.byteSize(256)), 1, 256).type())
          .isEqualTo(type);
      return;
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FloatTensor.of(type, ByteBuffer.allocate((int) type.byteSize(256)), 1, 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(type.name())
        .hasMessageContaining(
            "F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, BF16");
  }
}
