package dev.llmkit.local.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.testing.SharedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Single-token feeds of sequences on different threads are computed together (fewer steps than
 * sequence steps) and give the logits each sequence gets alone; a failing pass fails every sequence
 * of its step instead of leaving them waiting.
 */
class StepSchedulerTest {
  private static final String MODEL = "stories260K/stories260K-Q8_0.gguf";
  private static final int SEQUENCES = 3;
  private static final int STEPS = 12;

  @Test
  void concurrentFeedsAreBatchedAndEqualLoneFeeds() throws Exception {
    List<float[]> alone = new ArrayList<>();
    GgufFile file = GgufFile.open(SharedModels.resolve(MODEL));
    ComputePool lonePool = new ComputePool(2);
    try (LlamaRunner runner = new LlamaRunner(file, lonePool, Llama.load(file, 64, lonePool), 1)) {
      for (int i = 0; i < SEQUENCES; i++) {
        alone.add(generate(runner, i, null));
      }
    }
    GgufFile file2 = GgufFile.open(SharedModels.resolve(MODEL));
    ComputePool pool = new ComputePool(2);
    ExecutorService threads = Executors.newFixedThreadPool(SEQUENCES);
    try (LlamaRunner runner =
        new LlamaRunner(file2, pool, Llama.load(file2, 64, pool), SEQUENCES)) {
      List<Future<float[]>> results = new ArrayList<>();
      // Each feed waits for the other sequences' feeds, so that even on a loaded machine where
      // a thread could finish before the next one starts, the steps meet in the scheduler.
      CyclicBarrier together = new CyclicBarrier(SEQUENCES);
      for (int i = 0; i < SEQUENCES; i++) {
        int seq = i;
        results.add(threads.submit(() -> generate(runner, seq, together)));
      }
      for (int i = 0; i < SEQUENCES; i++) {
        assertThat(results.get(i).get()).as("sequence %d", i).containsExactly(alone.get(i));
      }
      long[] counts = runner.batchCounts();
      assertThat(counts[1]).as("sequence steps").isEqualTo((long) SEQUENCES * STEPS);
      assertThat(counts[0]).as("batched steps").isLessThan(counts[1]);
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void aFailedStepFailsItsSequences() {
    GgufFile file = GgufFile.open(SharedModels.resolve(MODEL));
    ComputePool pool = new ComputePool(2);
    LlamaRunner runner = new LlamaRunner(file, pool, Llama.load(file, 64, pool), 4);
    ModelRunner.Sequence s = runner.newSequence(16);
    s.feed(new int[] {1, 2, 3});
    runner.close(); // stops the compute pool under the next step

    assertThatThrownBy(() -> s.feed(new int[] {4}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  /** Prompt, then greedy single-token feeds; returns the last logits. */
  private static float[] generate(ModelRunner runner, int seq, CyclicBarrier together)
      throws Exception {
    try (ModelRunner.Sequence s = runner.newSequence(64)) {
      float[] logits = s.feed(new int[] {1, 20 + seq, 40 + 3 * seq, 7});
      for (int t = 0; t < STEPS; t++) {
        if (together != null) {
          together.await(30, TimeUnit.SECONDS);
        }
        logits = s.feed(new int[] {argmax(logits)});
      }
      return logits.clone();
    }
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
