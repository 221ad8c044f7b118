package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.testing.SharedModels;
import org.junit.jupiter.api.Test;

/** Weights stay in the mapped file unless the user opts into heap copies. */
class HeapWeightsTest {
  @Test
  void quantizedWeightsStayMappedByDefaultAndAreCopiedOnlyOnRequest() {
    String previous = System.getProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY);
    try (GgufFile file = GgufFile.open(SharedModels.resolve("stories260K/stories260K-Q8_0.gguf"))) {
      TensorInfo q8 =
          file.tensors().stream().filter(t -> t.type() == GgmlType.Q8_0).findFirst().orElseThrow();

      System.clearProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY);
      FloatTensor mapped = FloatTensor.of(file, q8);
      System.setProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY, "true");
      // copies are made only while the heap in use stays under half the maximum: drop what
      // earlier tests in this JVM left behind
      System.gc();
      FloatTensor copied = FloatTensor.of(file, q8);

      assertThat(((Q8_0Tensor) mapped).onHeap()).isFalse();
      assertThat(((Q8_0Tensor) copied).onHeap()).isTrue();
      float[] x = new float[q8.rowLength() > Integer.MAX_VALUE ? 0 : (int) q8.rowLength()];
      java.util.Arrays.fill(x, 0.5f);
      assertThat(copied.dot(0, x, 0))
          .isCloseTo(mapped.dot(0, x, 0), org.assertj.core.data.Offset.offset(1e-3f));
    } finally {
      if (previous == null) {
        System.clearProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY);
      } else {
        System.setProperty(FloatTensor.HEAP_WEIGHTS_PROPERTY, previous);
      }
    }
  }
}
