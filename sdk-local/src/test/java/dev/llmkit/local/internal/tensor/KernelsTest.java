package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** VectorKernels against ScalarKernels, as Jlama's controlOps does, at lane-misaligned lengths. */
class KernelsTest {
  /** Every type of the TensorTypes table, at lengths of a few blocks, lane-misaligned ones too. */
  private static Stream<Arguments> typesAndRowLengths() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (GgmlType t : TensorTypes.supported()) {
      int[] blocks =
          t.blockSize() == 1
              ? new int[] {1, 31, 33, 4097}
              : t.blockSize() == 32 ? new int[] {1, 31, 33, 129} : new int[] {1, 3, 17};
      for (int count : blocks) {
        cases.add(Arguments.of(t, count * t.blockSize()));
      }
    }
    return cases.build();
  }

  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("typesAndRowLengths")
  void vectorDotMatchesScalarDot(GgmlType type, int n) {
    Kernels vector = vector();
    Random random = new Random(n * 31L + type.id());
    int rows = 3;
    FloatTensor w =
        FloatTensor.of(type, ByteBuffer.wrap(QuantOracle.random(type, rows * n, random)), rows, n);
    float[] x = new float[n + 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }

    for (int row = 0; row < rows; row++) {
      float expected = w.dot(ScalarKernels.INSTANCE, row, x, 5);
      float actual = w.dot(vector, row, x, 5);

      double scale = magnitude(w, row, x, 5);
      double tolerance = type == GgmlType.F32 ? 1e-5 : 1e-2;
      assertThat((double) Math.abs(actual - expected))
          .as("row %d", row)
          .isLessThanOrEqualTo(
              tolerance * Math.max(Math.abs(expected), 1e-3 * scale) + 1e-6 * scale);
    }
  }

  /** Σ |w_i x_i|, the scale at which float rounding error of a dot product lives. */
  private static double magnitude(FloatTensor w, int row, float[] x, int xOff) {
    float[] values = new float[w.cols()];
    w.dequantizeRow(row, values, 0);
    double m = 0;
    for (int i = 0; i < values.length; i++) {
      m += Math.abs(values[i] * x[xOff + i]);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lengths")
  void vectorFloatDotAndAxpyMatchScalar(int n) {
    Kernels vector = vector();
    Random random = new Random(n);
    float[] a = new float[n + 3];
    float[] b = new float[n + 2];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    float[] y1 = b.clone();
    float[] y2 = b.clone();

    float expected = ScalarKernels.INSTANCE.dot(a, 3, b, 2, n);
    float actual = vector.dot(a, 3, b, 2, n);
    ScalarKernels.INSTANCE.axpy(0.75f, a, 3, y1, 2, n);
    vector.axpy(0.75f, a, 3, y2, 2, n);

    assertThat(actual)
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f * (float) Math.sqrt(n) * 4));
    for (int i = 0; i < y1.length; i++) {
      assertThat(y2[i]).isCloseTo(y1[i], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lengths")
  void vectorDot2x4MatchesScalar(int n) {
    Kernels vector = vector();
    Random random = new Random(n + 7);
    float[] w = new float[2 * n + 3];
    float[] x = new float[5 + 4 * (n + 2)];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] expected = new float[8];
    float[] actual = new float[8];

    ScalarKernels.INSTANCE.dot2x4(w, 3, x, 5, n + 2, n, expected);
    vector.dot2x4(w, 3, x, 5, n + 2, n, actual);

    for (int j = 0; j < 8; j++) {
      float single = ScalarKernels.INSTANCE.dot(w, 3 + (j / 4) * n, x, 5 + (j % 4) * (n + 2), n);
      assertThat(expected[j]).as("scalar %d", j).isEqualTo(single);
      assertThat(actual[j])
          .as("vector %d", j)
          .isCloseTo(
              expected[j], org.assertj.core.data.Offset.offset(1e-5f * (float) Math.sqrt(n) * 4));
    }
  }

  private static Stream<Arguments> heapTypesAndRowLengths() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (GgmlType t : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
      for (int blocks : new int[] {1, 2, 31, 33, 129}) {
        cases.add(Arguments.of(t, blocks * 32));
      }
    }
    for (GgmlType t : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q6_K}) {
      for (int blocks : new int[] {1, 3, 17}) {
        cases.add(Arguments.of(t, blocks * 256));
      }
    }
    return cases.build();
  }

  /**
   * The heap copy (byte[] quants, float[] scales and mins) against the mapped bytes: rows, dots.
   */
  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("heapTypesAndRowLengths")
  void heapCopyDotsMatchTheMappedScalarDot(GgmlType type, int n) {
    Random random = new Random(n * 17L + type.id());
    int rows = 3;
    ByteBuffer bytes = ByteBuffer.wrap(QuantOracle.random(type, rows * n, random));
    FloatTensor mapped = FloatTensor.of(type, bytes, rows, n);
    FloatTensor heap =
        type == GgmlType.Q8_0
            ? new Q8_0Tensor(bytes, rows, n, true)
            : type == GgmlType.Q4_0
                ? new Q4_0Tensor(bytes, rows, n, true)
                : type == GgmlType.Q4_K
                    ? new Q4_KTensor(bytes, rows, n, true)
                    : new Q6_KTensor(bytes, rows, n, true);
    float[] x = new float[n + 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    Kernels vector = KernelSelection.loadVectorKernels();

    for (int row = 0; row < rows; row++) {
      float[] mappedRow = new float[n + 2];
      float[] heapRow = new float[n + 2];
      mapped.dequantizeRow(row, mappedRow, 2);
      heap.dequantizeRow(row, heapRow, 2);
      assertThat(heapRow).as("dequantized row %d", row).containsExactly(mappedRow);
      float expected = mapped.dot(ScalarKernels.INSTANCE, row, x, 5);
      double scale = magnitude(mapped, row, x, 5);
      double tolerance = 1e-2 * Math.max(Math.abs(expected), 1e-3 * scale) + 1e-6 * scale;
      assertThat((double) Math.abs(heap.dot(ScalarKernels.INSTANCE, row, x, 5) - expected))
          .as("scalar row %d", row)
          .isLessThanOrEqualTo(tolerance);
      if (vector != null) {
        assertThat((double) Math.abs(heap.dot(vector, row, x, 5) - expected))
            .as("vector row %d", row)
            .isLessThanOrEqualTo(tolerance);
      }
    }
  }

  private static Stream<Integer> lengths() {
    return Stream.of(1, 31, 33, 4097);
  }
}
