package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmkit.local.internal.embedding.Pooling;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden states of decoder embedding models, checked through the output head: the oracle's logits
 * of a prefix are {@code output · h}, so by linearity {@code output · pooled} must equal the
 * oracle's logits of the last prefix (last pooling), of the first token (cls) or their mean.
 */
class HiddenStatesTest {
  private static final int[] TOKENS = {1, 7, 30, 2, 45, 11, 3, 9, 0, 47};

  @TempDir Path dir;

  private static TinyModels.Spec spec(String arch) {
    TinyModels.Spec s = new TinyModels.Spec().architecture(arch);
    s.dim = 32;
    s.heads = 4;
    s.kvHeads = 2;
    s.headDim = 8;
    s.ffn = 48;
    s.vocab = 48;
    s.qkvBias = arch.equals("qwen2");
    s.qkNorm = arch.equals("qwen3");
    return s;
  }

  private void assertPoolsMatchOracle(String arch) {
    TinyModels.Model tiny = TinyModels.write(dir.resolve(arch + ".gguf"), spec(arch));
    NaiveLlama oracle = new NaiveLlama(tiny);
    float[] output = tiny.weights.get("output.weight");

    try (GgufFile file = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(2)) {
      LlamaConfig config = LlamaConfig.from(file);
      Llama llama = new Llama(config, LlamaWeights.load(file, config), pool, Kernels.active(), 4);

      float[] hidden = HiddenStates.compute(llama, llama.newState(TOKENS.length), TOKENS);

      int dim = config.embeddingLength();
      double[] meanLogits = new double[tiny.spec.vocab];
      for (int t = 1; t <= TOKENS.length; t++) {
        double[] l = oracle.logits(Arrays.copyOf(TOKENS, t));
        for (int v = 0; v < l.length; v++) {
          meanLogits[v] += l[v] / TOKENS.length;
        }
      }
      assertHead(output, Pooling.LAST.pool(hidden, TOKENS.length, dim), oracle.logits(TOKENS));
      assertHead(
          output,
          Pooling.CLS.pool(hidden, TOKENS.length, dim),
          oracle.logits(new int[] {TOKENS[0]}));
      assertHead(output, Pooling.MEAN.pool(hidden, TOKENS.length, dim), meanLogits);
    }
  }

  private static void assertHead(float[] output, float[] h, double[] expectedLogits) {
    for (int v = 0; v < expectedLogits.length; v++) {
      double logit = 0;
      for (int i = 0; i < h.length; i++) {
        logit += output[v * h.length + i] * h[i];
      }
      assertThat(logit).as("logit %d", v).isCloseTo(expectedLogits[v], within(2e-3));
    }
  }

  @Test
  void llamaHiddenStatesPoolToTheOracle() {
    assertPoolsMatchOracle("llama");
  }

  @Test
  void qwen2HiddenStatesPoolToTheOracle() {
    assertPoolsMatchOracle("qwen2");
  }

  @Test
  void qwen3HiddenStatesPoolToTheOracle() {
    assertPoolsMatchOracle("qwen3");
  }

  @Test
  void rejectsEmptyInput() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("e.gguf"), spec("llama"));

    try (GgufFile file = GgufFile.open(tiny.file);
        ComputePool pool = new ComputePool(1)) {
      Llama llama = Llama.load(file, 16, pool);

      assertThatThrownBy(() -> HiddenStates.compute(llama, llama.newState(4), new int[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    }
  }
}
