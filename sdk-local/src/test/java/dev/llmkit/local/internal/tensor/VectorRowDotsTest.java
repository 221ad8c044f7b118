package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix × vector kernel {@link Kernels#dotRows}: for every type (each family of row loops:
 * rows of Q8_0, Q4_0, Q5_0 and Q4_K in place or copied, copied rows of Q5_K, BF16 and Q6_K, F16 in
 * place or copied), row count, row length (odd block counts, lengths that are not a multiple of the
 * vector length in bytes) and row range, on heap and direct (mapped-like) buffers, each value
 * equals the single-row {@link FloatTensor#dot} bit for bit (so the decode batch and the
 * single-token forward pass agree), and equals the test oracle's dequantized float dot product
 * within float rounding. Blocks with a zero scale, all-zero blocks, the largest fp16 scale and
 * subnormal scales are mixed in.
 */
class VectorRowDotsTest {
  private static Stream<Arguments> cases() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (GgmlType type :
        new GgmlType[] {
          GgmlType.Q8_0,
          GgmlType.Q4_0,
          GgmlType.Q5_0,
          GgmlType.Q4_K,
          GgmlType.Q5_K,
          GgmlType.Q6_K,
          GgmlType.F16,
          GgmlType.BF16
        }) {
      int[] lengths =
          type.blockSize() == 32 ? new int[] {32, 64, 96, 576, 1056} : new int[] {256, 768};
      for (int cols : lengths) {
        for (int rows : new int[] {1, 4, 7, 13}) {
          for (boolean direct : new boolean[] {false, true}) {
            all.add(Arguments.of(type, rows, cols, direct));
          }
        }
      }
    }
    return all.build();
  }

  private static Kernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return v;
  }

  @ParameterizedTest(name = "{0} {1}x{2} direct={3}")
  @MethodSource("cases")
  void everyRowEqualsItsSingleRowDotAndTheOracle(
      GgmlType type, int rows, int cols, boolean direct) {
    Kernels vector = vector();
    Random random = new Random(rows * 1_000_003L + cols * 31L + type.id());
    byte[] bytes = QuantOracle.random(type, rows * cols, random);
    edgeBlocks(type, bytes, random);
    ByteBuffer buffer =
        direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
    buffer.order(ByteOrder.LITTLE_ENDIAN).put(bytes).clear();
    FloatTensor w = FloatTensor.of(type, buffer, rows, cols);
    int xOff = 3;
    float[] x = new float[xOff + cols + 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] weights = QuantOracle.dequantize(type, bytes, rows * cols);

    for (int[] range : new int[][] {{0, rows}, {1, rows}, {rows / 2, rows}, {0, rows - 1}}) {
      int from = range[0];
      int to = range[1];
      float[] out = new float[rows + 5];
      float[] scalarOut = new float[rows + 5];
      vector.dotRows(w, from, to, x, xOff, out, 5);
      ScalarKernels.INSTANCE.dotRows(w, from, to, x, xOff, scalarOut, 5);
      for (int r = 0; r < rows + 5; r++) {
        int row = r - 5;
        if (row < from || row >= to) {
          assertThat(out[r]).as("untouched slot %d", r).isZero();
          continue;
        }
        assertThat(Float.floatToIntBits(out[r]))
            .as("row %d of [%d, %d): dotRows vs dot", row, from, to)
            .isEqualTo(Float.floatToIntBits(w.dot(vector, row, x, xOff)));
        assertThat(Float.floatToIntBits(scalarOut[r]))
            .as("scalar row %d", row)
            .isEqualTo(Float.floatToIntBits(w.dot(ScalarKernels.INSTANCE, row, x, xOff)));
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < cols; i++) {
          double p = (double) weights[row * cols + i] * x[xOff + i];
          exact += p;
          magnitude += Math.abs(p);
        }
        // a float sum of cols products errs by at most about cols · 2^-24 · Σ|w·x|
        assertThat((double) out[r])
            .as("row %d vs the oracle", row)
            .isCloseTo(exact, Offset.offset(cols * 0x1p-24 * magnitude + 1e-30));
      }
    }
  }

  /**
   * Overwrites some blocks (never all): an all-zero block, a zero scale, the largest finite fp16
   * scale and a subnormal one, at random block positions.
   */
  private static void edgeBlocks(GgmlType type, byte[] bytes, Random random) {
    if (type == GgmlType.F16 || type == GgmlType.BF16) {
      bytes[0] = 0;
      bytes[1] = 0;
      return;
    }
    int blockBytes = type.typeSize();
    int blocks = bytes.length / blockBytes;
    int scaleAt = type == GgmlType.Q6_K ? 208 : 0;
    short[] scales = {0, 0x7BFF, 0x0001, (short) 0xFBFF};
    for (int e = 0; e < 4 && blocks > 1; e++) {
      int at = random.nextInt(blocks) * blockBytes;
      if (e == 0) {
        Arrays.fill(bytes, at, at + blockBytes, (byte) 0);
      }
      bytes[at + scaleAt] = (byte) scales[e];
      bytes[at + scaleAt + 1] = (byte) (scales[e] >>> 8);
    }
  }
}
