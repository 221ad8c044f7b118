package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt of several hundred positions (many batches and KV tiles, head size 8 as in stories260K,
 * GQA) against {@link NaiveLlama}'s double-precision recomputation; then the half precision cache
 * against the float one on the same prompt.
 */
class LongPromptTest {
  private static final int LENGTH = 200;
  private static ComputePool pool;

  @TempDir Path dir;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  private TinyModels.Model model() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("llama");
    spec.dim = 32;
    spec.heads = 4;
    spec.kvHeads = 2;
    spec.headDim = 8;
    spec.ffn = 64;
    spec.context = 512;
    return TinyModels.write(dir.resolve("long.gguf"), spec);
  }

  private static int[] prompt(int vocab) {
    Random random = new Random(5);
    int[] tokens = new int[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      tokens[i] = random.nextInt(vocab);
    }
    return tokens;
  }

  private static float[] run(TinyModels.Model tiny, KvCacheType type, int[] tokens) {
    try (GgufFile file = GgufFile.open(tiny.file)) {
      LlamaConfig config = LlamaConfig.from(file);
      Llama model =
          new Llama(config, LlamaWeights.load(file, config), pool, Kernels.active(), 32, type);
      return model.forward(model.newState(), tokens, 0).clone();
    }
  }

  @Test
  void longPromptMatchesTheOracle() {
    TinyModels.Model tiny = model();
    int[] tokens = prompt(tiny.spec.vocab);

    float[] logits = run(tiny, KvCacheType.F32, tokens);

    double[] expected = new NaiveLlama(tiny).logits(tokens);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) logits[i])
          .as("logit %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void halfPrecisionCacheStaysCloseToTheFloatCache() {
    TinyModels.Model tiny = model();
    int[] tokens = prompt(tiny.spec.vocab);

    float[] full = run(tiny, KvCacheType.F32, tokens);
    float[] half = run(tiny, KvCacheType.F16, tokens);

    double largest = 0;
    for (int i = 0; i < full.length; i++) {
      largest = Math.max(largest, Math.abs(half[i] - full[i]));
    }
    assertThat(largest).as("largest logit difference").isLessThan(2e-2).isPositive();
  }

  @Test
  void prefillingTheFirstSlicesLeavesTheLastSlicesLogitsAsInOnePass() {
    TinyModels.Model tiny = model();
    int[] tokens = prompt(tiny.spec.vocab);
    float[] whole = run(tiny, KvCacheType.F16, tokens);

    try (GgufFile file = GgufFile.open(tiny.file)) {
      LlamaConfig config = LlamaConfig.from(file);
      Llama model =
          new Llama(
              config, LlamaWeights.load(file, config), pool, Kernels.active(), 32, KvCacheType.F16);
      LlamaState state = model.newState();
      model.prefill(state, java.util.Arrays.copyOfRange(tokens, 0, 96), 0);
      model.prefill(state, java.util.Arrays.copyOfRange(tokens, 96, 192), 96);
      assertThat(state.filled()).isEqualTo(192);
      float[] sliced = model.forward(state, java.util.Arrays.copyOfRange(tokens, 192, LENGTH), 192);

      // the same 32-token batches either way (96 and 192 are multiples of 32), so bit for bit
      assertThat(sliced).isEqualTo(whole);
    }
  }

  @Test
  void prefillChecksItsInputLikeForward() {
    TinyModels.Model tiny = model();
    try (GgufFile file = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(file, 64, pool);
      LlamaState state = model.newState();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> model.prefill(state, new int[] {tiny.spec.vocab}, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the vocabulary");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> model.prefill(state, new int[] {1}, 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("startPos 5");
    }
  }
}
