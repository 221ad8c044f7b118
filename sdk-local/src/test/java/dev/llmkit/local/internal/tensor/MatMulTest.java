package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.testing.QuantOracle;
import java.nio.ByteBuffer;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MatMulTest {
  @Test
  void parallelMatMatEqualsPlainProductsForEveryBatchRow() {
    Random random = new Random(3);
    int rows = 37; // odd: one row is left over after the pairs
    int cols = 256;
    int batch = MatMul.DECODE_ONCE_MIN_BATCH + 3; // 4-row blocks plus a remainder
    FloatTensor w =
        FloatTensor.of(
            GgmlType.Q4_K,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.Q4_K, rows * cols, random)),
            rows,
            cols);
    float[] x = new float[batch * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] out = new float[batch * rows];

    try (ComputePool pool = new ComputePool(3)) {
      MatMul.matMat(pool, ScalarKernels.INSTANCE, w, x, batch, out);
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
            .as("row %d batch %d", r, b)
            .isCloseTo(expected, Offset.offset(1e-5 * magnitude));
      }
    }
  }

  @Test
  void smallBatchAndMatVecEqualRowDots() {
    Random random = new Random(4);
    int rows = 9;
    int cols = 64;
    FloatTensor w =
        FloatTensor.of(
            GgmlType.Q8_0,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.Q8_0, rows * cols, random)),
            rows,
            cols);
    float[] x = new float[2 * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] batchOut = new float[2 * rows];
    float[] vecOut = new float[rows + 1];

    try (ComputePool pool = new ComputePool(2)) {
      MatMul.matMat(pool, ScalarKernels.INSTANCE, w, x, 2, batchOut);
      MatMul.matVec(pool, ScalarKernels.INSTANCE, w, x, cols, vecOut, 1);
    }

    for (int r = 0; r < rows; r++) {
      assertThat(batchOut[r]).isEqualTo(w.dot(ScalarKernels.INSTANCE, r, x, 0));
      assertThat(batchOut[rows + r]).isEqualTo(w.dot(ScalarKernels.INSTANCE, r, x, cols));
      assertThat(vecOut[1 + r]).isEqualTo(w.dot(ScalarKernels.INSTANCE, r, x, cols));
    }
  }

  @Test
  void matMatManyEqualsSeparateProducts() {
    Random random = new Random(5);
    int cols = 64;
    FloatTensor a =
        FloatTensor.of(
            GgmlType.Q8_0,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.Q8_0, 7 * cols, random)),
            7,
            cols);
    FloatTensor b =
        FloatTensor.of(
            GgmlType.F32,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.F32, 3 * cols, random)),
            3,
            cols);
    FloatTensor c =
        FloatTensor.of(
            GgmlType.Q5_1,
            ByteBuffer.wrap(QuantOracle.random(GgmlType.Q5_1, 11 * cols, random)),
            11,
            cols);
    for (int batch : new int[] {1, MatMul.DECODE_ONCE_MIN_BATCH + 2}) {
      float[] x = new float[batch * cols];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      float[][] fused = {new float[batch * 7], new float[batch * 3], new float[batch * 11]};
      float[][] separate = {new float[batch * 7], new float[batch * 3], new float[batch * 11]};

      try (ComputePool pool = new ComputePool(3)) {
        MatMul.matMatMany(
            pool, ScalarKernels.INSTANCE, new FloatTensor[] {a, b, c}, x, batch, fused);
        MatMul.matMat(pool, ScalarKernels.INSTANCE, a, x, batch, separate[0]);
        MatMul.matMat(pool, ScalarKernels.INSTANCE, b, x, batch, separate[1]);
        MatMul.matMat(pool, ScalarKernels.INSTANCE, c, x, batch, separate[2]);
      }

      for (int m = 0; m < 3; m++) {
        assertThat(fused[m]).as("matrix %d batch %d", m, batch).containsExactly(separate[m]);
      }
    }
  }

  @Test
  void forRangeCoversEveryIndexExactlyOnce() {
    int[] hits = new int[1001];

    try (ComputePool pool = new ComputePool(4)) {
      pool.forRange(
          hits.length,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              hits[i]++;
            }
          });
    }

    for (int h : hits) {
      assertThat(h).isEqualTo(1);
    }
  }

  @Test
  void closedPoolRejectsWork() {
    ComputePool pool = new ComputePool(2);
    pool.close();
    pool.close();

    assertThatThrownBy(() -> pool.forRange(4, (from, to) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void threadCountOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new ComputePool(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }
}
