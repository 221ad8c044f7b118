package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.testing.GgufCopy;
import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Architecture options the shipped references do not exercise: llama.cpp's defaults when keys are
 * absent (gemma2 caps and window, gemma3's pattern 6), the integer form of the sliding-window
 * pattern, phi3's LongRoPE factors and attention factor, and errors for inconsistent metadata.
 * Options without a reference are checked by an equivalent file the engine already runs right.
 */
class ArchitectureOptionsTest {
  private static final String GEMMA2 = "tiny-random-arch/tiny-gemma2-F32.gguf";
  private static final String GEMMA3 = "tiny-random-arch/tiny-gemma3-F32.gguf";
  private static final String PHI3 = "tiny-random-arch/tiny-phi3-F32.gguf";
  private static final String QWEN2 = "tiny-random-arch/tiny-qwen2-F32.gguf";

  /** Longer than the tiny gemma files' window of 8. */
  private static final int[] PROMPT = {1, 403, 407, 261, 378, 291, 376, 400, 428, 410, 314, 269};

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

  @Test
  void gemma2DefaultsAreLlamaCppsWhenKeysAreAbsent() {
    ModelOptions o = options(Architecture.GEMMA2, 4, w -> {});

    assertThat(windows(o, 4)).containsExactly(4096, 0, 4096, 0);
    assertThat(o.attentionSoftCap()).isEqualTo(50f);
    assertThat(o.finalSoftCap()).isEqualTo(30f);
    assertThat(o.embeddingScale()).isEqualTo((float) Math.sqrt(64));
    assertThat(o.attentionScale).isEqualTo((float) (1 / Math.sqrt(16)));
    assertThat(options(Architecture.GEMMA2, 46, w -> {}).attentionScale)
        .as("the 27B's 46 layers scale by n_embd/n_head")
        .isEqualTo((float) (1 / Math.sqrt(64 / 2)));
  }

  @Test
  void gemma3SlidesFiveOfSixLayersWithoutAPatternKey() {
    ModelOptions o =
        options(Architecture.GEMMA3, 12, w -> w.putU32("gemma3.attention.sliding_window", 512));

    assertThat(windows(o, 12))
        .containsExactly(512, 512, 512, 512, 512, 0, 512, 512, 512, 512, 512, 0);
    assertThat(o.ropeTable).containsExactly(1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0);
    assertThat(o.slidingRopeBase).as("rope.freq_base_swa default").isEqualTo(10000f);
    assertThat(o.attentionSoftCap()).isZero();
    assertThat(o.finalSoftCap()).isZero();
  }

  @Test
  void gemma3WithoutAWindowHasNoSlidingLayers() {
    assertThat(windows(options(Architecture.GEMMA3, 6, w -> {}), 6)).containsOnly(0);
    assertThat(
            windows(
                options(
                    Architecture.GEMMA3, 6, w -> w.putU32("gemma3.attention.sliding_window", 0)),
                6))
        .containsOnly(0);
  }

  @Test
  void integerPatternRunsLikeTheEquivalentBoolArray() {
    Path file = SharedModels.resolve(GEMMA3);
    Path integer =
        GgufCopy.of(file)
            .dropKey("gemma3.attention.sliding_window_pattern")
            .metadata(w -> w.putU32("gemma3.attention.sliding_window_pattern", 2))
            .write(dir.resolve("pattern2.gguf"));
    Path absent =
        GgufCopy.of(file)
            .dropKey("gemma3.attention.sliding_window_pattern")
            .write(dir.resolve("pattern-default.gguf"));

    float[] expected = logits(file, 512);
    assertThat(logits(integer, 512)).containsExactly(expected, offset(0f));
    float[] bothSliding = logits(absent, 512);
    assertThat(maxDiff(bothSliding, expected))
        .as("pattern 6 slides both layers: other logits")
        .isGreaterThan(1e-3);
  }

  @Test
  void gemma2IgnoresAnOutputTensorAndUsesTheEmbedding() {
    Path file = SharedModels.resolve(GEMMA2);
    Path withOutput =
        GgufCopy.of(file)
            .tensors(w -> w.f32Tensor("output.weight", new long[] {64, 512}, new float[64 * 512]))
            .write(dir.resolve("gemma2-output.gguf"));

    try (GgufFile gguf = GgufFile.open(withOutput)) {
      assertThat(Llama.load(gguf, 64, pool).weights().tiedOutput()).isTrue();
    }
    assertThat(logits(withOutput, 64)).containsExactly(logits(file, 64), offset(0f));
  }

  @Test
  void longRopeFactorsDivideFrequenciesLongOnlyBeyondTheOriginalContext() {
    Path file = SharedModels.resolve(PHI3);
    Path factors =
        GgufCopy.of(file)
            .metadata(w -> w.putU32("phi3.rope.scaling.original_context_length", 256))
            .tensors(
                w ->
                    w.f32Tensor("rope_factors_short.weight", new long[] {8}, filled(8, 2f))
                        .f32Tensor("rope_factors_long.weight", new long[] {8}, filled(8, 4f)))
            .write(dir.resolve("phi3-longrope.gguf"));
    Path linear2 = linear(file, 2, "phi3-linear2.gguf");
    Path linear4 = linear(file, 4, "phi3-linear4.gguf");

    float[] shortFactors = logits(factors, 256);
    float[] longFactors = logits(factors, 512);

    assertThat(maxDiff(shortFactors, logits(linear2, 256))).isLessThan(1e-5);
    assertThat(maxDiff(longFactors, logits(linear4, 512))).isLessThan(1e-5);
    assertThat(maxDiff(shortFactors, logits(file, 256)))
        .as("the factors matter")
        .isGreaterThan(1e-3);
  }

  @Test
  void ropeAttentionFactorScalesRotatedQueriesAndKeys() {
    Path file = SharedModels.resolve(PHI3);
    Path factor =
        GgufCopy.of(file)
            .metadata(w -> w.putF32("phi3.rope.scaling.attn_factor", 1.5f))
            .write(dir.resolve("phi3-attn-factor.gguf"));
    // attn_qkv rows 0..63 are q and 64..95 are k (rows of 64); RoPE is linear in q and k
    GgufCopy scaled = GgufCopy.of(file);
    for (int l = 0; l < 2; l++) {
      scaled.transformF32(
          "blk." + l + ".attn_qkv.weight",
          w -> {
            float[] out = w.clone();
            for (int i = 0; i < 96 * 64; i++) {
              out[i] *= 1.5f;
            }
            return out;
          });
    }
    Path scaledFile = scaled.write(dir.resolve("phi3-qk-scaled.gguf"));

    assertThat(maxDiff(logits(factor, 64), logits(scaledFile, 64))).isLessThan(1e-5);
    assertThat(maxDiff(logits(factor, 64), logits(file, 64))).isGreaterThan(1e-3);
  }

  @Test
  void fusedQkvWeightsAndBiasesRunLikeSeparateOnes() {
    Path file = SharedModels.resolve(QWEN2);
    GgufCopy fused = GgufCopy.of(file);
    try (GgufFile gguf = GgufFile.open(file)) {
      for (int l = 0; l < 2; l++) {
        String p = "blk." + l + ".";
        for (String part : new String[] {"weight", "bias"}) {
          byte[] q = bytes(gguf, p + "attn_q." + part);
          byte[] k = bytes(gguf, p + "attn_k." + part);
          byte[] v = bytes(gguf, p + "attn_v." + part);
          byte[] qkv = new byte[q.length + k.length + v.length];
          System.arraycopy(q, 0, qkv, 0, q.length);
          System.arraycopy(k, 0, qkv, q.length, k.length);
          System.arraycopy(v, 0, qkv, q.length + k.length, v.length);
          long rows = qkv.length / 4 / (part.equals("weight") ? 64 : 1);
          long[] shape = part.equals("weight") ? new long[] {64, rows} : new long[] {rows};
          fused
              .dropTensor(p + "attn_q." + part)
              .dropTensor(p + "attn_k." + part)
              .dropTensor(p + "attn_v." + part)
              .tensors(w -> w.tensor(p + "attn_qkv." + part, GgmlType.F32, shape, qkv));
        }
      }
    }

    Path fusedFile = fused.write(dir.resolve("qwen2-fused.gguf"));

    assertThat(logits(fusedFile, 64)).containsExactly(logits(file, 64), offset(0f));
  }

  @Test
  void hiddenStatesFollowTheOptionsOfGemma2() {
    try (GgufFile gguf = GgufFile.open(SharedModels.resolve(GEMMA2))) {
      LlamaConfig config = LlamaConfig.from(gguf).withContextLength(64);
      Llama llama = new Llama(config, LlamaWeights.load(gguf, config), pool, Kernels.active(), 4);
      float[] logits = llama.forward(llama.newState(), PROMPT, 0).clone();

      float[] hidden = HiddenStates.compute(llama, llama.newState(), PROMPT);

      // the last position's hidden state through the tied head and the final soft-cap
      int dim = config.embeddingLength();
      float[] last = Arrays.copyOfRange(hidden, (PROMPT.length - 1) * dim, PROMPT.length * dim);
      float cap = config.options().finalSoftCap();
      float[] row = new float[dim];
      for (int id = 0; id < logits.length; id++) {
        llama.weights().tokenEmbedding.dequantizeRow(id, row, 0);
        double dot = 0;
        for (int i = 0; i < dim; i++) {
          dot += (double) row[i] * last[i];
        }
        assertThat((double) logits[id])
            .as("logit %d", id)
            .isCloseTo(cap * Math.tanh(dot / cap), offset(1e-4));
      }
    }
  }

  @Test
  void inconsistentSlidingWindowMetadataIsRejectedByName() {
    assertThatThrownBy(
            () ->
                options(
                    Architecture.GEMMA3,
                    3,
                    w -> {
                      w.putU32("gemma3.attention.sliding_window", 8);
                      GgufCopy.putBoolArray(
                          w, "gemma3.attention.sliding_window_pattern", true, false);
                    }))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            "gemma3.attention.sliding_window_pattern has 2 entries,"
                + " expected one per layer (3)");
    assertThatThrownBy(
            () ->
                options(
                    Architecture.GEMMA2, 2, w -> w.putI32("gemma2.attention.sliding_window", -1)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            "gemma2.attention.sliding_window must be 0 (none) or a positive number");
    assertThatThrownBy(
            () ->
                options(
                    Architecture.GEMMA2, 2, w -> w.putF32("gemma2.attn_logit_softcapping", -5f)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            "gemma2.attn_logit_softcapping must be 0 (none) or a positive number," + " got -5.0");
  }

  /** Options of an architecture with n_embd 64, 2 heads of 16 (key_length ≠ n_embd/n_head). */
  private ModelOptions options(Architecture a, int layers, Consumer<GgufWriter> keys) {
    GgufWriter w = new GgufWriter().putString("general.architecture", a.archName());
    keys.accept(w);
    Path file = w.write(dir.resolve("options-" + System.nanoTime() + ".gguf"));
    try (GgufFile gguf = GgufFile.open(file)) {
      return ModelOptions.read(a, gguf.metadata(), file.toString(), layers, 64, 2, 16, 512, 1e6f);
    }
  }

  private static int[] windows(ModelOptions o, int layers) {
    int[] w = new int[layers];
    for (int l = 0; l < layers; l++) {
      w[l] = o.window(l);
    }
    return w;
  }

  private Path linear(Path file, float factor, String name) {
    return GgufCopy.of(file)
        .metadata(
            w ->
                w.putString("phi3.rope.scaling.type", "linear")
                    .putF32("phi3.rope.scaling.factor", factor))
        .write(dir.resolve(name));
  }

  /** Logits after {@link #PROMPT}, fed in batches of 4 (the window straddles batches). */
  private static float[] logits(Path file, int context) {
    try (GgufFile gguf = GgufFile.open(file)) {
      LlamaConfig config = LlamaConfig.from(gguf).withContextLength(context);
      Llama llama = new Llama(config, LlamaWeights.load(gguf, config), pool, Kernels.active(), 4);
      return llama.forward(llama.newState(), PROMPT, 0).clone();
    }
  }

  private static byte[] bytes(GgufFile gguf, String tensor) {
    TensorInfo t = gguf.tensor(tensor).orElseThrow();
    byte[] b = new byte[(int) t.byteSize()];
    gguf.tensorData(t).get(b);
    return b;
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private static double maxDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
