package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaLoadErrorsTest {
  private static ComputePool pool;

  @TempDir Path dir;

  @BeforeAll
  static void startPool() {
    pool = new ComputePool(1);
  }

  @AfterAll
  static void stopPool() {
    pool.close();
  }

  @Test
  void unsupportedArchitectureIsNamedWithTheSupportedOnes() {
    Path file =
        new GgufWriter()
            .putString("general.architecture", "gpt2")
            .f32Tensor("token_embd.weight", new long[] {4, 4}, new float[16])
            .write(dir.resolve("gpt2.gguf"));

    try (GgufFile gguf = GgufFile.open(file)) {
      assertThatThrownBy(() -> Llama.load(gguf, 0, pool))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("gpt2.gguf")
          .hasMessageContaining("unsupported model architecture 'gpt2'")
          .hasMessageContaining("llama, qwen2, qwen3, phi3, gemma2, gemma3");
    }
  }

  @Test
  void vocabularyOnlyFileReportsMissingMetadata() {
    Path file = SharedModels.resolve("vocab/ggml-vocab-llama-spm.gguf");

    try (GgufFile gguf = GgufFile.open(file)) {
      assertThatThrownBy(() -> Llama.load(gguf, 0, pool))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("ggml-vocab-llama-spm.gguf");
    }
  }

  @Test
  void missingTensorIsNamed() {
    TinyModels.Spec spec = new TinyModels.Spec();
    TinyModels.Model tiny = TinyModels.write(dir.resolve("full.gguf"), spec);
    Path broken = dir.resolve("missing.gguf");
    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      GgufWriter w = new GgufWriter();
      copyMetadata(gguf, w);
      gguf.tensors().stream()
          .filter(t -> !t.name().equals("blk.1.ffn_up.weight"))
          .forEach(
              t -> {
                byte[] bytes = new byte[(int) t.byteSize()];
                gguf.tensorData(t).get(bytes);
                w.tensor(t.name(), t.type(), t.shape(), bytes);
              });
      w.write(broken);
    }

    try (GgufFile gguf = GgufFile.open(broken)) {
      assertThatThrownBy(() -> Llama.load(gguf, 0, pool))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("missing.gguf")
          .hasMessageContaining("tensor blk.1.ffn_up.weight is missing");
    }
  }

  @Test
  void unsupportedTensorTypeListsSupportedTypes() {
    TinyModels.Spec spec = new TinyModels.Spec();
    spec.matrixType = GgmlType.F32;
    TinyModels.Model ok = TinyModels.write(dir.resolve("base.gguf"), spec);
    Path iq3s = dir.resolve("iq3_s.gguf");
    try (GgufFile gguf = GgufFile.open(ok.file)) {
      GgufWriter w = new GgufWriter();
      copyMetadata(gguf, w);
      gguf.tensors()
          .forEach(
              t -> {
                if (t.name().equals("blk.0.attn_q.weight")) {
                  w.tensor(
                      t.name(),
                      GgmlType.IQ3_S,
                      t.shape(),
                      new byte[(int) GgmlType.IQ3_S.byteSize(t.elementCount())]);
                } else {
                  byte[] bytes = new byte[(int) t.byteSize()];
                  gguf.tensorData(t).get(bytes);
                  w.tensor(t.name(), t.type(), t.shape(), bytes);
                }
              });
      w.write(iq3s);
    }

    try (GgufFile gguf = GgufFile.open(iq3s)) {
      assertThatThrownBy(() -> Llama.load(gguf, 0, pool))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("iq3_s.gguf")
          .hasMessageContaining("blk.0.attn_q.weight has type IQ3_S")
          .hasMessageContaining(
              "F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, BF16");
    }
  }

  private static void copyMetadata(GgufFile gguf, GgufWriter w) {
    gguf.metadata()
        .keys()
        .forEach(
            k -> {
              Object v = gguf.metadata().get(k).get();
              if (v instanceof String) {
                w.putString(k, (String) v);
              } else if (v instanceof Float) {
                w.putF32(k, (Float) v);
              } else {
                w.putU32(k, ((Number) v).longValue());
              }
            });
  }

  @Test
  void badTokensAndPositionsAreRejected() {
    TinyModels.Spec spec = new TinyModels.Spec();
    spec.context = 8;
    TinyModels.Model tiny = TinyModels.write(dir.resolve("ctx.gguf"), spec);

    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(gguf, 0, pool);
      LlamaState state = model.newState();

      assertThat(state.contextLength()).isEqualTo(8);
      assertThatThrownBy(() -> model.forward(state, new int[] {spec.vocab}, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("token id " + spec.vocab);
      assertThatThrownBy(() -> model.forward(state, new int[0], 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tokens");
      assertThatThrownBy(() -> model.forward(state, new int[9], 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("context length 8");
      assertThatThrownBy(() -> model.forward(state, new int[] {1}, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("startPos 1");
    }
  }

  @Test
  void contextLengthCanBeOverridden() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("override.gguf"), new TinyModels.Spec());

    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(gguf, 200, pool);

      assertThat(model.config().contextLength()).isEqualTo(200);
      assertThat(model.config().modelContextLength()).isEqualTo(64);
      assertThat(model.newState().contextLength()).isEqualTo(200);
      assertThat(model.config().kvCacheBytes(200)).isEqualTo(4L * 2 * 200 * (128 + 128));
    }
  }

  @Test
  void stateCapacityIsChosenPerSession() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("capacity.gguf"), new TinyModels.Spec());

    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(gguf, 0, pool);
      LlamaState small = model.newState(4);

      assertThat(small.contextLength()).isEqualTo(4);
      assertThat(model.forward(small, new int[] {1, 2, 3, 4}, 0)).hasSize(48);
      assertThatThrownBy(() -> model.forward(small, new int[] {5}, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("context length 4");
      assertThatThrownBy(() -> model.newState(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("contextLength");
    }
  }

  @Test
  void kvCacheLargerThanTheHeapIsRejectedBeforeAllocating() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("huge-ctx.gguf"), new TinyModels.Spec());

    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(gguf, 0, pool);

      assertThatThrownBy(() -> model.newState(4_000_000))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("KV cache for 4000000 positions")
          .hasMessageContaining("-Xmx");
    }
  }

  @Test
  void tinyModelCarriesExtraMetadataAndSmallDimensions() {
    TinyModels.Spec spec = new TinyModels.Spec();
    spec.vocab = 32;
    spec.dim = 16;
    spec.heads = 2;
    spec.kvHeads = 1;
    spec.headDim = 8;
    spec.ffn = 24;
    spec.metadata = w -> w.putString("tokenizer.ggml.model", "llama");
    TinyModels.Model tiny = TinyModels.write(dir.resolve("tiny16.gguf"), spec);

    try (GgufFile gguf = GgufFile.open(tiny.file)) {
      Llama model = Llama.load(gguf, 0, pool);

      assertThat(gguf.metadata().getString("tokenizer.ggml.model")).contains("llama");
      assertThat(model.forward(model.newState(), new int[] {1, 2, 3}, 0)).hasSize(32);
    }
  }

  @Test
  void configReadsStories260kHyperParameters() {
    try (GgufFile gguf = GgufFile.open(SharedModels.resolve("stories260K/stories260K.gguf"))) {
      LlamaConfig c = LlamaConfig.from(gguf);

      assertThat(c.architecture()).isEqualTo("llama");
      assertThat(c.embeddingLength()).isEqualTo(64);
      assertThat(c.blockCount()).isEqualTo(5);
      assertThat(c.headCount()).isEqualTo(8);
      assertThat(c.headCountKv()).isEqualTo(4);
      assertThat(c.keyLength()).isEqualTo(8);
      assertThat(c.feedForwardLength()).isEqualTo(172);
      assertThat(c.vocabularySize()).isEqualTo(512);
      assertThat(c.contextLength()).isEqualTo(128);
      assertThat(c.ropeNeox()).isFalse();
      assertThat(c.rmsNormEps()).isEqualTo(1e-5f);
    }
  }
}
