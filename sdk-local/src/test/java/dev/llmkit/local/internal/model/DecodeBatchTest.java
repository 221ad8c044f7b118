package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.testing.SharedModels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batched generation step gives every sequence exactly (bit for bit) the logits it gets stepping
 * alone, whatever else is in the batch: sequences at different positions, joining and leaving, with
 * and without a LoRA adapter (output head included), on architectures with biases, q/k norms,
 * sliding windows and soft-caps, on quantized weights, with the vector and the scalar kernels; and
 * those logits agree with the single-token {@link Llama#forward} (other kernels, other summation
 * order) to float rounding.
 */
class DecodeBatchTest {
  private static ComputePool pool;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stories260K/stories260K-Q8_0.gguf",
        "stories260K/stories260K-Q4_0.gguf",
        "stories260K/stories260K.gguf",
        "stories260K/stories260K-F16.gguf",
        "llama-kq-random/llama-kq-Q4_K.gguf",
        "llama-kq-random/llama-kq-Q6_K.gguf",
        "llama-kq-random/llama-kq-Q5_0.gguf",
        "llama-kq-random/llama-kq-Q5_K.gguf",
        "tiny-random-arch/tiny-gemma2-F32.gguf",
        "tiny-random-arch/tiny-qwen2-F32.gguf",
        "tiny-random-arch/tiny-qwen3-F32.gguf",
        "tiny-random-arch/tiny-phi3-F32.gguf"
      })
  void batchedStepsEqualStepsAlone(String model) {
    try (GgufFile file = GgufFile.open(SharedModels.resolve(model))) {
      Llama llama = Llama.load(file, 64, pool);
      checkBatchedEqualsAlone(llama, model);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stories260K/stories260K-Q8_0.gguf", "stories260K/stories260K-Q4_0.gguf"})
  void batchedStepsEqualStepsAloneWithScalarKernels(String model) {
    try (GgufFile file = GgufFile.open(SharedModels.resolve(model))) {
      Llama vector = Llama.load(file, 64, pool);
      Llama llama =
          new Llama(
              vector.config(),
              vector.weights(),
              pool,
              ScalarKernels.INSTANCE,
              Llama.DEFAULT_MAX_BATCH);
      checkBatchedEqualsAlone(llama, model + " (scalar)");
    }
  }

  private static void checkBatchedEqualsAlone(Llama llama, String model) {
    int vocab = llama.config().vocabularySize();
    int n = 7; // one four-token tile plus a remainder of three
    DecodeBatch batch = llama.newDecodeBatch(n);
    DecodeBatch single = llama.newDecodeBatch(1);
    Random random = new Random(model.hashCode());
    LlamaState[] batched = new LlamaState[n];
    LlamaState[] alone = new LlamaState[n];
    LlamaState[] reference = new LlamaState[n];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      batched[i] = llama.newState(64);
      alone[i] = llama.newState(64);
      reference[i] = llama.newState(64);
      if (i == 2) { // one sequence with an adapter, next to others without
        TestAdapter adapter = new TestAdapter(llama.config());
        batched[i].adapter(adapter);
        alone[i].adapter(adapter);
        reference[i].adapter(adapter);
      }
      int[] prompt = random.ints(3 + 5 * i, 0, vocab).toArray(); // different positions
      llama.forward(batched[i], prompt, 0);
      llama.forward(reference[i], prompt, 0);
      next[i] = argmax(llama.forward(alone[i], prompt, 0));
    }
    for (int step = 0; step < 16; step++) {
      // Sequence 3 joins late and sequence 0 leaves early: the batch changes between steps.
      int from = step < 12 ? 0 : 2;
      int to = step < 3 ? 5 : n;
      int count = to - from;
      LlamaState[] states = Arrays.copyOfRange(batched, from, to);
      int[] tokens = Arrays.copyOfRange(next, from, to);
      float[][] logits = batch.step(states, tokens, count);
      for (int b = 0; b < count; b++) {
        int i = from + b;
        float[] expected = single.step(new LlamaState[] {alone[i]}, new int[] {next[i]}, 1)[0];
        assertThat(logits[b])
            .as("%s, step %d, sequence %d", model, step, i)
            .containsExactly(expected);
        assertThat(batched[i].filled()).isEqualTo(alone[i].filled());
        float[] forward = llama.forward(reference[i], new int[] {next[i]}, reference[i].filled());
        assertCloseTo(expected, forward, model + ", step " + step + ", sequence " + i);
        next[i] = argmax(expected);
      }
    }
  }

  /** Float-rounding agreement: every logit within 1e-4 of the largest logit magnitude. */
  private static void assertCloseTo(float[] actual, float[] expected, String what) {
    float scale = 0f;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    float worst = 0f;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertThat(worst)
        .as("%s: largest difference to Llama.forward (largest |logit| %s)", what, scale)
        .isLessThanOrEqualTo(1e-4f * Math.max(1f, scale));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void rejectsCountsOutsideTheCapacity(int count) {
    try (GgufFile file = GgufFile.open(SharedModels.resolve("stories260K/stories260K.gguf"))) {
      Llama llama = Llama.load(file, 16, pool);
      DecodeBatch batch = llama.newDecodeBatch(2);
      LlamaState a = llama.newState(16);
      LlamaState[] states = {a, llama.newState(16), llama.newState(16)};
      assertThatThrownBy(() -> batch.step(states, new int[] {1, 1, 1}, count))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("capacity 2");
      assertThatThrownBy(() -> batch.step(new LlamaState[] {a, a}, new int[] {1, 1}, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("also appears");
      assertThatThrownBy(() -> batch.step(states, new int[] {1, 100_000}, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vocabulary");
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

  /** A fixed low-rank-like correction: each output gets a scaled input element. */
  private static final class TestAdapter implements LayerAdapter {
    private final int[] inDims;
    private final int[] outDims;

    TestAdapter(LlamaConfig c) {
      int attn = c.headCount() * c.valueLength();
      inDims =
          new int[] {
            c.embeddingLength(),
            c.embeddingLength(),
            c.embeddingLength(),
            attn,
            c.embeddingLength(),
            c.embeddingLength(),
            c.feedForwardLength()
          };
      outDims =
          new int[] {
            c.queryDim(),
            c.keyDim(),
            c.valueDim(),
            c.embeddingLength(),
            c.feedForwardLength(),
            c.feedForwardLength(),
            c.embeddingLength()
          };
    }

    @Override
    public void addTo(int layer, int target, float[] in, int n, float[] out) {
      int ni = inDims[target];
      int no = outDims[target];
      for (int row = 0; row < n; row++) {
        for (int o = 0; o < no; o++) {
          out[row * no + o] += 0.05f * (layer + 1) * in[row * ni + (o * 7 + target) % ni];
        }
      }
    }

    @Override
    public void addToOutput(float[] in, float[] logits) { // large enough to change the argmax
      for (int o = 0; o < logits.length; o++) {
        logits[o] += 3f * in[(o * 5) % in.length];
      }
    }
  }
}
