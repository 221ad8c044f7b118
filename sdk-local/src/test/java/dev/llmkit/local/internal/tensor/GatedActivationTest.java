package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The FFN's gated activation of both kernel sets against double-precision definitions. */
class GatedActivationTest {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  /**
   * SiLU g / (1 + e^-g) and GELU ½g(1 + tanh z), z = √(2/π)(g + 0.044715g³), times up, in double;
   * GELU as g / (1 + e^-2z), the same function without the cancellation of 1 + tanh z for negative
   * z (in double, 1 + tanh(-17) keeps one significant digit).
   */
  private static double reference(boolean gelu, float g, float up) {
    double s = gelu ? 2 * SQRT_2_OVER_PI * (g + 0.044715 * g * (double) g * g) : g;
    return g / (1 + Math.exp(-s)) * up;
  }

  private static Stream<Arguments> kindsAndLengths() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (boolean gelu : new boolean[] {false, true}) {
      for (int n : new int[] {1, 7, 16, 37, 1536, 2051}) {
        cases.add(Arguments.of(gelu, n));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "gelu={0} n={1}")
  @MethodSource("kindsAndLengths")
  void vectorKernelsAgreeWithTheDefinitionToAFewUlp(boolean gelu, int n) {
    Kernels vector = vector();
    Random random = new Random(n * 7L + (gelu ? 1 : 0));
    float[] gate = new float[n + 3];
    float[] up = new float[n + 3];
    for (int i = 0; i < gate.length; i++) {
      gate[i] = (float) (random.nextGaussian() * 6);
      up[i] = (float) random.nextGaussian();
    }
    float[] in = gate.clone();

    vector.gatedActivation(gelu, gate, up, 3, n + 3);

    for (int i = 0; i < 3; i++) {
      assertThat(gate[i]).as("outside the range").isEqualTo(in[i]);
    }
    for (int i = 3; i < n + 3; i++) {
      double want = reference(gelu, in[i], up[i]);
      // e^-s is computed from s in float: its rounding, about |s| x 6e-8 relative, carries over
      double s = gelu ? 2 * SQRT_2_OVER_PI * (in[i] + 0.044715 * Math.pow(in[i], 3)) : in[i];
      double relative = 2e-6 + 2e-7 * Math.abs(s);
      assertThat((double) gate[i])
          .as("g=%s up=%s", in[i], up[i])
          .isCloseTo(want, org.assertj.core.data.Offset.offset(relative * Math.abs(want) + 1e-30));
    }
  }

  @ParameterizedTest(name = "gelu={0} n={1}")
  @MethodSource("kindsAndLengths")
  void scalarKernelsAgreeWithTheDefinition(boolean gelu, int n) {
    Random random = new Random(n * 11L + (gelu ? 1 : 0));
    float[] gate = new float[n];
    float[] up = new float[n];
    for (int i = 0; i < n; i++) {
      gate[i] = (float) (random.nextGaussian() * 6);
      up[i] = (float) random.nextGaussian();
    }
    float[] in = gate.clone();

    ScalarKernels.INSTANCE.gatedActivation(gelu, gate, up, 0, n);

    for (int i = 0; i < n; i++) {
      double want = reference(gelu, in[i], up[i]);
      // GELU's 1 + tanh(z) cancels for negative g: an absolute bound in the size of g · up
      double bound = gelu ? 1e-6 * Math.abs(in[i] * up[i]) : 2e-6 * Math.abs(want);
      assertThat((double) gate[i])
          .as("g=%s up=%s", in[i], up[i])
          .isCloseTo(want, org.assertj.core.data.Offset.offset(bound + 1e-30));
    }
  }

  @Test
  void aValueDoesNotDependOnItsPositionOrTheRange() {
    Kernels vector = vector();
    float[] values = {-3.5f, 0.25f, 7f, -0.001f, 12.5f, -40f, 1f};
    int n = 64 + 5; // whole vectors and a scalar tail, whatever the lane count
    for (boolean gelu : new boolean[] {false, true}) {
      float[] gate = new float[n];
      float[] up = new float[n];
      for (int i = 0; i < n; i++) {
        gate[i] = values[i % values.length];
        up[i] = 1.5f;
      }
      vector.gatedActivation(gelu, gate, up, 0, n);

      for (int i = 0; i < n; i++) {
        float[] alone = {values[i % values.length]};
        vector.gatedActivation(gelu, alone, new float[] {1.5f}, 0, 1); // the tail's code
        assertThat(Float.floatToRawIntBits(gate[i]))
            .as("gelu=%s position %d", gelu, i)
            .isEqualTo(Float.floatToRawIntBits(alone[0]));
      }
    }
  }

  @Test
  void extremeInputsStayFinite() {
    Kernels vector = vector();
    float[] in = {-1e30f, -100f, -0f, 0f, 100f, 1e30f, Float.NaN};
    for (Kernels kernels : new Kernels[] {vector, ScalarKernels.INSTANCE}) {
      for (boolean gelu : new boolean[] {false, true}) {
        float[] gate = in.clone();
        float[] up = {2f, 2f, 2f, 2f, 2f, 2f, 2f};

        kernels.gatedActivation(gelu, gate, up, 0, gate.length);

        String what = kernels.name() + (gelu ? " gelu" : " silu");
        assertThat(gate[0]).as(what).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(gate[1]).as(what).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(gate[2]).as(what).isZero();
        assertThat(gate[3]).as(what).isZero();
        assertThat(gate[4]).as(what).isEqualTo(200f);
        assertThat(gate[5]).as(what).isEqualTo(2e30f);
        assertThat(gate[6]).as(what).isNaN();
      }
    }
  }
}
