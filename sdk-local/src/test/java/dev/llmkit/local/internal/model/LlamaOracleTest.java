package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.ScalarKernels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Architectures and tensor types without a shipped reference: tiny random models written by the
 * test, compared with {@link NaiveLlama} over the test oracle's dequantized weights.
 */
class LlamaOracleTest {
  private static final int[] PROMPT = {1, 7, 30, 2, 45, 11, 3};
  private static final int[] CONTINUATION = {9, 0, 47};
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

  /** Prompt as batches of 3, then one token at a time; every step's logits against the oracle. */
  private void assertMatchesOracle(TinyModels.Spec spec, Kernels kernels, String fileName) {
    TinyModels.Model tiny = TinyModels.write(dir.resolve(fileName), spec);
    NaiveLlama oracle = new NaiveLlama(tiny);

    try (GgufFile file = GgufFile.open(tiny.file)) {
      LlamaConfig config = LlamaConfig.from(file);
      Llama model = new Llama(config, LlamaWeights.load(file, config), pool, kernels, 3);
      LlamaState state = model.newState();
      int[] sequence = PROMPT;

      float[] logits = model.forward(state, PROMPT, 0);

      assertClose(logits, oracle.logits(sequence), spec.architecture + " after prompt");
      for (int next : CONTINUATION) {
        logits = model.forward(state, new int[] {next}, sequence.length);
        sequence = Arrays.copyOf(sequence, sequence.length + 1);
        sequence[sequence.length - 1] = next;
        assertClose(logits, oracle.logits(sequence), spec.architecture + " at " + sequence.length);
      }
    }
  }

  private static void assertClose(float[] actual, double[] expected, String what) {
    assertThat(actual).hasSize(expected.length);
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("%s logit %d (%s vs %s)", what, i, actual[i], expected[i])
          .isLessThanOrEqualTo(1e-3 * scale);
    }
  }

  @Test
  void llamaWithKQuantsGqaAndLlama3RopeFactorsMatchesOracle() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("llama");
    spec.matrixType = GgmlType.Q4_K;
    spec.ffnDownType = GgmlType.Q6_K;
    spec.embeddingType = GgmlType.Q5_K;
    spec.outputType = GgmlType.Q6_K;
    spec.ropeFreqs = true;

    assertMatchesOracle(spec, Kernels.active(), "llama-kquants.gguf");
  }

  @Test
  void qwen2WithBiasesNeoxRopeAndTiedQ8EmbeddingMatchesOracle() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("qwen2");
    spec.matrixType = GgmlType.Q5_K;
    spec.ffnDownType = GgmlType.Q5_0;
    spec.embeddingType = GgmlType.Q8_0;
    spec.tiedOutput = true;
    spec.qkvBias = true;
    spec.ropeBase = 1_000_000f;

    assertMatchesOracle(spec, Kernels.active(), "qwen2.gguf");
  }

  @Test
  void qwen3WithHeadNormsAndWiderHeadsMatchesOracle() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("qwen3");
    spec.heads = 8;
    spec.kvHeads = 2;
    spec.headDim = 64; // 8 × 64 = 512 ≠ dim 256: key_length in metadata
    spec.ffn = 512;
    spec.matrixType = GgmlType.Q6_K;
    spec.ffnDownType = GgmlType.Q8_0;
    spec.embeddingType = GgmlType.F16;
    spec.outputType = GgmlType.BF16;
    spec.qkNorm = true;

    assertMatchesOracle(spec, Kernels.active(), "qwen3.gguf");
  }

  @Test
  void halfPrecisionMatricesWithPartialRopeMatchOracleWithScalarKernels() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("llama");
    spec.dim = 64;
    spec.heads = 4;
    spec.kvHeads = 4;
    spec.headDim = 16;
    spec.ffn = 96;
    spec.ropeDim = 8;
    spec.matrixType = GgmlType.F16;
    spec.ffnDownType = GgmlType.BF16;
    spec.embeddingType = GgmlType.F32;
    spec.outputType = GgmlType.F16;

    assertMatchesOracle(spec, ScalarKernels.INSTANCE, "f16.gguf");
  }

  @Test
  void legacyQuantsThatKQuantFilesFallBackToMatchOracle() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("llama");
    spec.dim = 96; // not a multiple of 256: llama.cpp writes Q5_0 / Q5_1 / Q8_0 instead of K-quants
    spec.heads = 3;
    spec.kvHeads = 1;
    spec.headDim = 32;
    spec.ffn = 160;
    spec.matrixType = GgmlType.Q5_1;
    spec.ffnDownType = GgmlType.Q4_1;
    spec.embeddingType = GgmlType.Q5_0;
    spec.outputType = GgmlType.Q5_0;

    assertMatchesOracle(spec, Kernels.active(), "legacy.gguf");
  }

  @Test
  void lowBitAndIQuantsMatchOracleOnBothKernels() {
    TinyModels.Spec spec = new TinyModels.Spec().architecture("llama");
    spec.matrixType = GgmlType.Q3_K;
    spec.ffnDownType = GgmlType.Q2_K;
    spec.embeddingType = GgmlType.IQ4_NL;
    spec.outputType = GgmlType.Q5_1;

    assertMatchesOracle(spec, Kernels.active(), "low-bit.gguf");
    assertMatchesOracle(spec, ScalarKernels.INSTANCE, "low-bit-scalar.gguf");
    spec.matrixType = GgmlType.IQ4_XS;
    assertMatchesOracle(spec, Kernels.active(), "iq4-xs.gguf");
  }

  @Test
  void batchedPromptGivesSameLogitsAsTokenByToken() {
    TinyModels.Model tiny =
        TinyModels.write(dir.resolve("batch.gguf"), new TinyModels.Spec().architecture("qwen2"));

    try (GgufFile file = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(file, 0, pool);
      LlamaState batched = model.newState();
      LlamaState single = model.newState();

      float[] a = model.forward(batched, PROMPT, 0).clone();
      float[] b = null;
      for (int i = 0; i < PROMPT.length; i++) {
        b = model.forward(single, new int[] {PROMPT[i]}, i);
      }

      for (int i = 0; i < a.length; i++) {
        assertThat(a[i])
            .as("logit %d", i)
            .isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
      assertThat(batched.filled()).isEqualTo(PROMPT.length);
    }
  }

  @Test
  void rewindingReusesTheCachedPrefix() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("rewind.gguf"), new TinyModels.Spec());

    try (GgufFile file = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(file, 0, pool);
      LlamaState state = model.newState();
      model.forward(state, new int[] {1, 2, 3, 4, 5}, 0);

      float[] rewound = model.forward(state, new int[] {9, 10}, 3).clone();
      float[] fresh = model.forward(model.newState(), new int[] {1, 2, 3, 9, 10}, 0);

      for (int i = 0; i < fresh.length; i++) {
        assertThat(rewound[i]).isCloseTo(fresh[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }
}
