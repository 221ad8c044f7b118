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
  void parallelMatMatEqualsRowByRowProductsForEveryBatchRow() {
    Random random = new Random(3);
    int rows = 37;
    int cols = 256;
    int batch = 5;
    FloatTensor w = FloatTensor.of(GgmlType.Q4_K, ByteBuffer.wrap(QuantOracle.random(GgmlType.Q4_K, rows * cols, random)), rows, cols);
    float[] x = new float[batch * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] out = new float[batch * rows];

    try (ComputePool pool = new ComputePool(3)) {
      MatMul.matMat(pool, ScalarKernels.INSTANCE, w, x, batch, out);
    }

    for (int b = 0; b < batch; b++) {
      for (int r = 0; r < rows; r++) {
        assertThat(out[b * rows + r]).isCloseTo(w.dot(ScalarKernels.INSTANCE, r, x, b * cols), Offset.offset(0f));
      }
    }
  }

  @Test
  void forRangeCoversEveryIndexExactlyOnce() {
    int[] hits = new int[1001];

    try (ComputePool pool = new ComputePool(4)) {
      pool.forRange(hits.length, (from, to) -> {
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
  void threadCountOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new ComputePool(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }
}
