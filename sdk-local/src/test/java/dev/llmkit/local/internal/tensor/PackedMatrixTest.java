package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed-panel product, vector against scalar against the row-pair {@code dot2x4} path and a
 * double-precision reference, on shapes with partial panels, token tails (not a multiple of the
 * 6-token tile) and row lengths across the 256-column blocks.
 */
class PackedMatrixTest {
  private static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(1, 1, 1, true),
        Arguments.of(37, 33, 13, true),
        Arguments.of(64, 384, 12, true),
        Arguments.of(96, 257, 6, false),
        Arguments.of(31, 513, 7, true),
        Arguments.of(45, 1537, 5, false),
        Arguments.of(8, 17, 19, true));
  }

  @ParameterizedTest(name = "{0} x {1}, {2} tokens, bias {3}")
  @MethodSource("shapes")
  void vectorScalarAndDot2x4AgreeWithReference(int rows, int cols, int tokens, boolean withBias) {
    Random random = new Random(rows * 1_000_003L + cols * 31L + tokens);
    float[] w = gaussian(random, rows * cols);
    float[] x = gaussian(random, tokens * cols);
    float[] bias = withBias ? gaussian(random, rows) : null;
    PackedMatrix m = PackedMatrix.of(w, rows, cols, bias);
    assertThat(m.panels()).isEqualTo((rows + PackedMatrix.PANEL - 1) / PackedMatrix.PANEL);

    float[] scalar = run(ScalarKernels.INSTANCE, m, x, tokens);
    float[] old = dot2x4Path(w, rows, cols, bias, x, tokens);
    Kernels vectorKernels = KernelSelection.loadVectorKernels();
    float[] vector = vectorKernels == null ? null : run(vectorKernels, m, x, tokens);

    for (int t = 0; t < tokens; t++) {
      for (int r = 0; r < rows; r++) {
        double exact = bias == null ? 0 : bias[r];
        double magnitude = Math.abs(exact);
        for (int k = 0; k < cols; k++) {
          exact += (double) w[r * cols + k] * x[t * cols + k];
          magnitude += Math.abs((double) w[r * cols + k] * x[t * cols + k]);
        }
        double tolerance = 1e-5 * magnitude + 1e-6;
        int i = t * rows + r;
        assertThat(Math.abs(scalar[i] - exact))
            .as("scalar t=%d r=%d", t, r)
            .isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(old[i] - exact))
            .as("dot2x4 t=%d r=%d", t, r)
            .isLessThanOrEqualTo(tolerance);
        if (vector != null) {
          assertThat(Math.abs(vector[i] - exact))
              .as("vector t=%d r=%d", t, r)
              .isLessThanOrEqualTo(tolerance);
          assertThat((double) Math.abs(vector[i] - scalar[i]))
              .as("vector-scalar t=%d r=%d", t, r)
              .isLessThanOrEqualTo(tolerance);
        }
      }
    }
    for (float[] out : new float[][] {scalar, vector}) {
      if (out != null) {
        assertThat(out[tokens * rows]).as("float after the last output").isEqualTo(SENTINEL);
      }
    }
  }

  @Test
  void vectorKernelSplitOverThreadsMatchesScalar() {
    Kernels vector = KernelSelection.loadVectorKernels();
    assumeThat(vector).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    Random random = new Random(5);
    int rows = 200;
    int cols = 300;
    int tokens = 9;
    PackedMatrix m =
        PackedMatrix.of(gaussian(random, rows * cols), rows, cols, gaussian(random, rows));
    float[] x = gaussian(random, tokens * cols);
    float[] expected = new float[tokens * rows];
    float[] actual = new float[tokens * rows];
    try (ComputePool pool = new ComputePool(2)) {
      m.multiply(pool, ScalarKernels.INSTANCE, x, tokens, expected);
      m.multiply(pool, vector, x, tokens, actual);
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("output %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
    }
  }

  @Test
  void rejectsMismatchedSizes() {
    assertThatThrownBy(() -> PackedMatrix.of(new float[5], 2, 3, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 6 floats, got 5");
    assertThatThrownBy(() -> PackedMatrix.of(new float[6], 2, 3, new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bias needs 2 floats, got 1");
    PackedMatrix m = PackedMatrix.of(new float[6], 2, 3, null);
    try (ComputePool pool = new ComputePool(1)) {
      assertThatThrownBy(
              () -> m.multiply(pool, ScalarKernels.INSTANCE, new float[5], 2, new float[4]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2 tokens need 6 inputs");
    }
  }

  private static final float SENTINEL = 12345f;

  /** Output with one sentinel float past its end, to catch stores beyond the last row. */
  private static float[] run(Kernels kernels, PackedMatrix m, float[] x, int tokens) {
    float[] out = new float[tokens * m.rows() + 1];
    out[out.length - 1] = SENTINEL;
    kernels.matMulPacked(m, 0, m.panels(), x, tokens, out);
    return out;
  }

  /** The row-pair path the packed kernel replaces, plus the bias. */
  private static float[] dot2x4Path(
      float[] w, int rows, int cols, float[] bias, float[] x, int tokens) {
    Kernels k = Kernels.active();
    float[] out = new float[tokens * rows];
    float[] products = new float[8];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < tokens; t++) {
        out[t * rows + r] = k.dot(w, r * cols, x, t * cols, cols) + (bias == null ? 0f : bias[r]);
      }
    }
    for (int r = 0; r + 2 <= rows; r += 2) {
      for (int t = 0; t + 4 <= tokens; t += 4) {
        k.dot2x4(w, r * cols, x, t * cols, cols, cols, products);
        for (int j = 0; j < 4; j++) {
          out[(t + j) * rows + r] = products[j] + (bias == null ? 0f : bias[r]);
          out[(t + j) * rows + r + 1] = products[4 + j] + (bias == null ? 0f : bias[r + 1]);
        }
      }
    }
    return out;
  }

  private static float[] gaussian(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }
}
