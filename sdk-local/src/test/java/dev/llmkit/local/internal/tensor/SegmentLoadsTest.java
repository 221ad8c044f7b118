package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-place F16, Q8_0, Q4_0, Q5_0 and Q5_K kernels of JDK 22 and newer. On older JDKs only their
 * availability is checked (the product tests skip, saying so); {@code VectorRowDotsTest} run on
 * such a JDK also goes through them for every F16, Q8_0, Q4_0 and Q5_0 case.
 */
class SegmentLoadsTest {
  private static void vector() {
    assumeThat(KernelSelection.loadVectorKernels())
        .as("Vector API kernels need --add-modules jdk.incubator.vector")
        .isNotNull();
  }

  /** A read-only direct buffer: 6 bytes, then {@code n} random halves (an odd row start). */
  private static ByteBuffer halves(int n, Random random) {
    ByteBuffer b = ByteBuffer.allocateDirect(6 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putShort(6 + 2 * i, Float16.fromFloat((float) random.nextGaussian()));
    }
    return b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void availableExactlyFromJdk22() {
    vector();
    assertThat(SegmentLoads.AVAILABLE)
        .as("memory segment loads on Java %s", Runtime.version())
        .isEqualTo(Runtime.version().feature() >= 22);
  }

  @ParameterizedTest(name = "{0} halves")
  @ValueSource(ints = {8, 37, 64, 2053})
  void inPlaceProductIsTheCopiedKernelBitForBit(int n) {
    vector();
    assumeThat(SegmentLoads.AVAILABLE)
        .as("this JDK (%s) has no final memory segment API", Runtime.version())
        .isTrue();
    Random random = new Random(17L * n);
    ByteBuffer w = halves(n, random);
    float[] x = new float[3 + n];
    for (int i = 0; i < n; i++) {
      x[3 + i] = (float) random.nextGaussian();
    }

    Object segment = SegmentLoads.segment(w);

    assertThat(SegmentLoads.dotF16(segment, w, 6, x, 3, n))
        .isEqualTo(VectorKernels.dotF16Copied(w, 6, x, 3, n));
  }

  @Test
  void segmentCoversTheWholeBufferWhateverItsPosition() {
    vector();
    assumeThat(SegmentLoads.AVAILABLE)
        .as("this JDK (%s) has no final memory segment API", Runtime.version())
        .isTrue();
    Random random = new Random(5);
    ByteBuffer w = halves(64, random);
    float[] x = new float[64];
    for (int i = 0; i < 64; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float before = SegmentLoads.dotF16(SegmentLoads.segment(w), w, 6, x, 0, 64);

    w.position(40).limit(50); // a caller's position and limit must not narrow the segment

    assertThat(SegmentLoads.dotF16(SegmentLoads.segment(w), w, 6, x, 0, 64)).isEqualTo(before);
    assertThat(w.position()).isEqualTo(40);
    assertThat(w.limit()).isEqualTo(50);
  }

  @ParameterizedTest(name = "{0} blocks")
  @ValueSource(ints = {1, 2, 3, 18, 67})
  void quantizedProductsAreTheCopiedKernelsBitForBit(int blocks) {
    vector();
    assumeThat(SegmentLoads.AVAILABLE)
        .as("this JDK (%s) has no final memory segment API", Runtime.version())
        .isTrue();
    Random random = new Random(blocks);
    int n = 32 * blocks;
    float[] x = new float[5 + n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (GgmlType type : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q5_0}) {
      byte[] row = QuantOracle.random(type, n, random);
      row[0] = 0x01; // a subnormal scale in the first block
      row[1] = 0x00;
      ByteBuffer w = ByteBuffer.allocateDirect(7 + row.length).order(ByteOrder.LITTLE_ENDIAN);
      w.put(7, row);
      Object segment = SegmentLoads.segment(w);

      float inPlace;
      float copied;
      if (type == GgmlType.Q8_0) {
        inPlace = SegmentLoads.dotQ8_0(segment, w, 7, x, 5, n);
        copied = VectorKernels.rowQ8_0(row, 0, x, 5, n);
      } else if (type == GgmlType.Q4_0) {
        inPlace = SegmentLoads.dotQ4_0(segment, w, 7, x, 5, n);
        copied = VectorKernels.rowQ4_0(row, 0, x, 5, n);
      } else {
        inPlace = SegmentLoads.dotQ5_0(segment, w, 7, x, 5, n);
        copied = VectorBlockDots.dotQ5_0(row, 0, x, 5, n);
      }

      assertThat(Float.floatToIntBits(inPlace))
          .as("%s", type)
          .isEqualTo(Float.floatToIntBits(copied));
    }
  }

  @ParameterizedTest(name = "{0} super-blocks")
  @ValueSource(ints = {1, 2, 5})
  void q5_KProductIsTheCopiedKernelBitForBit(int blocks) {
    vector();
    assumeThat(SegmentLoads.AVAILABLE)
        .as("this JDK (%s) has no final memory segment API", Runtime.version())
        .isTrue();
    Random random = new Random(31L * blocks);
    int n = 256 * blocks;
    float[] x = new float[5 + n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] sums = new float[n / 32];
    VectorBlockDots.subBlockSums(x, 5, n, sums);
    byte[] row = QuantOracle.random(GgmlType.Q5_K, n, random);
    ByteBuffer w = ByteBuffer.allocateDirect(7 + row.length).order(ByteOrder.LITTLE_ENDIAN);
    w.put(7, row);

    float inPlace = SegmentLoads.dotQ5_K(SegmentLoads.segment(w), w, 7, x, 5, n, sums);
    float copied = VectorBlockDots.dotQ5_K(row, 0, x, 5, n, sums);

    assertThat(Float.floatToIntBits(inPlace)).isEqualTo(Float.floatToIntBits(copied));
  }
}
