package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BufferLoadsTest {
  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  /**
   * A read-only direct buffer of {@code n} random halves, starting at byte 6 (an odd row start).
   */
  private static ByteBuffer halves(int n, Random random) {
    ByteBuffer b = ByteBuffer.allocateDirect(6 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putShort(6 + 2 * i, Float16.fromFloat((float) random.nextGaussian()));
    }
    return b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  @ParameterizedTest(name = "{0} halves")
  @ValueSource(ints = {8, 37, 64, 2053})
  void halfPrecisionProductIsTheCopiedKernelBitForBitOnEveryJdk(int n) {
    Kernels kernels = vector();
    Random random = new Random(n);
    ByteBuffer w = halves(n, random);
    float[] x = new float[3 + n];
    double expected = 0;
    double magnitude = 0;
    for (int i = 0; i < n; i++) {
      x[3 + i] = (float) random.nextGaussian();
      double p = (double) Float16.toFloat(w.getShort(6 + 2 * i)) * x[3 + i];
      expected += p;
      magnitude += Math.abs(p);
    }

    float product = kernels.dotF16(w, 6, x, 3, n);

    assertThat(product).isEqualTo(VectorKernels.dotF16Copied(w, 6, x, 3, n));
    assertThat((double) product).isCloseTo(expected, Offset.offset(1e-5 * magnitude + 1e-6));
  }

  @ParameterizedTest(name = "{0} halves")
  @ValueSource(ints = {8, 37, 64, 2053})
  void inPlaceKernelRunsWhereTheJdkHasBufferLoads(int n) {
    vector();
    assumeThat(BufferLoads.AVAILABLE)
        .as("this JDK (%s) has no ShortVector.fromByteBuffer", Runtime.version())
        .isTrue();
    Random random = new Random(31L * n);
    ByteBuffer w = halves(n, random);
    float[] x = new float[3 + n];
    for (int i = 0; i < n; i++) {
      x[3 + i] = (float) random.nextGaussian();
    }

    assertThat(BufferLoads.dotF16(w, 6, x, 3, n))
        .isEqualTo(VectorKernels.dotF16Copied(w, 6, x, 3, n));
  }
}
