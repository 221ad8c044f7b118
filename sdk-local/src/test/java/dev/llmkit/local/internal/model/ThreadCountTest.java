package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number of compute threads changes how products and attention heads are split, never a result:
 * prompt batches and single-token steps give the same logits bit for bit with 1, 2 and 3 threads (3
 * splits ranges unevenly), with the scalar and the active kernels.
 */
class ThreadCountTest {
  private static final int[] PROMPT = {1, 7, 30, 2, 45, 11, 3, 19, 4, 33};

  @TempDir Path dir;

  @Test
  void quantizedSharedModelGivesTheSameLogitsForEveryThreadCount() {
    assertSameForThreadCounts(SharedModels.resolve("stories260K/stories260K-Q8_0.gguf"));
  }

  @Test
  void modelWithBiasesAndGroupedHeadsGivesTheSameLogitsForEveryThreadCount() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("qwen2");
    spec.dim = 64;
    spec.heads = 4;
    spec.kvHeads = 2;
    spec.headDim = 16;
    spec.ffn = 96;
    spec.qkvBias = true;
    spec.matrixType = GgmlType.Q4_0;
    assertSameForThreadCounts(TinyModels.write(dir.resolve("qwen2.gguf"), spec).file);
  }

  private static void assertSameForThreadCounts(Path model) {
    for (Kernels kernels : new Kernels[] {ScalarKernels.INSTANCE, Kernels.active()}) {
      List<float[]> reference = null;
      for (int threads = 1; threads <= 3; threads++) {
        List<float[]> steps = run(model, kernels, threads);
        if (reference == null) {
          reference = steps;
          continue;
        }
        for (int s = 0; s < steps.size(); s++) {
          assertThat(steps.get(s))
              .as("%s, %s, %d threads, step %d", model.getFileName(), kernels.name(), threads, s)
              .containsExactly(reference.get(s));
        }
      }
    }
  }

  /** Logits of the prompt (in batches of 4), then of eight greedy single-token steps. */
  private static List<float[]> run(Path model, Kernels kernels, int threads) {
    List<float[]> out = new ArrayList<>();
    try (GgufFile file = GgufFile.open(model);
        ComputePool pool = new ComputePool(threads)) {
      LlamaConfig config = LlamaConfig.from(file);
      Llama llama = new Llama(config, LlamaWeights.load(file, config), pool, kernels, 4);
      LlamaState state = llama.newState(32);
      float[] logits = llama.forward(state, PROMPT, 0).clone();
      out.add(logits);
      for (int t = 0; t < 8; t++) {
        logits = llama.forward(state, new int[] {argmax(logits)}, PROMPT.length + t).clone();
        out.add(logits);
      }
    }
    return out;
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
