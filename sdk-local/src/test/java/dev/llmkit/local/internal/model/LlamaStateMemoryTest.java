package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KV caches are refused only when they could never fit, not because of uncollected garbage. */
class LlamaStateMemoryTest {
  @TempDir Path dir;

  @Test
  void statesCreatedAndDroppedInALoopNeverFailForGarbageStillOnTheHeap() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("loop.gguf"), new TinyModels.Spec());
    try (GgufFile gguf = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(1)) {
      Llama model = Llama.load(gguf, 0, pool);
      // Each state takes 60% of the heap: a dropped one not yet collected leaves less free than
      // the next needs, though the collector can always make room for it.
      long perPosition = model.config().kvCacheBytes(1);
      int positions = (int) (Runtime.getRuntime().maxMemory() * 3 / 5 / perPosition);

      for (int i = 0; i < 8; i++) {
        LlamaState state = model.newState(positions);
        assertThat(state.contextLength()).isEqualTo(positions);
        assertThat(model.forward(state, new int[] {1, 2}, 0)).hasSize(48);
      }
    }
  }

  @Test
  void aStateLargerThanTheWholeHeapIsRefusedWithTheSizesAndTheSettingsToChange() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("huge.gguf"), new TinyModels.Spec());
    try (GgufFile gguf = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(1)) {
      Llama model = Llama.load(gguf, 0, pool);
      long perPosition = model.config().kvCacheBytes(1);
      int positions =
          (int)
              Math.min(Integer.MAX_VALUE / 256, Runtime.getRuntime().maxMemory() / perPosition + 1);

      assertThatThrownBy(() -> model.newState(positions))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("KV cache for " + positions + " positions")
          .hasMessageContaining((positions * perPosition >> 20) + " MiB")
          .hasMessageContaining("llmkit.local.context-size")
          .hasMessageContaining("llmkit.local.kv-cache-memory-limit")
          .hasMessageContaining("-Xmx");
    }
  }
}
