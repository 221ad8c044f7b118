package dev.llmkit.local.internal.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.service.LocalEmbeddingService;
import dev.llmkit.local.testing.GgufWriter;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.local.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder path end to end; its numbers are checked against the oracle in HiddenStatesTest. */
class DecoderEmbeddingTest {
  @TempDir Path dir;

  private static TinyModels.Spec spec() {
    TinyModels.Spec s = new TinyModels.Spec().architecture("qwen3");
    s.dim = 32;
    s.heads = 4;
    s.kvHeads = 2;
    s.headDim = 8;
    s.ffn = 48;
    s.qkNorm = true;
    return s;
  }

  private static Pooling pooling(Path dir, String arch, Integer type) {
    GgufWriter w = new GgufWriter().putString("general.architecture", arch);
    if (type != null) {
      w.putU32(arch + ".pooling_type", type);
    }
    try (GgufFile f = GgufFile.open(w.write(dir.resolve("p" + type + ".gguf")))) {
      return Pooling.fromMetadata(f.metadata(), arch, "p.gguf");
    }
  }

  @Test
  void poolingFollowsTheGgmlEnumAndDefaultsToMean() {
    assertThat(pooling(dir, "qwen3", null)).isEqualTo(Pooling.MEAN);
    assertThat(pooling(dir, "qwen3", 0)).isEqualTo(Pooling.MEAN);
    assertThat(pooling(dir, "qwen3", 1)).isEqualTo(Pooling.MEAN);
    assertThat(pooling(dir, "bert", 2)).isEqualTo(Pooling.CLS);
    assertThat(pooling(dir, "qwen3", 3)).isEqualTo(Pooling.LAST);
    assertThatThrownBy(() -> pooling(dir, "qwen3", 4))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("rerankers");
  }

  @Test
  void tokenArraysGiveUnitVectorsOfTheModelWidth() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("tiny-qwen3.gguf"), spec());

    try (EmbeddingModel model = EmbeddingModels.load(tiny.file, 2)) {
      EmbeddingResponse r =
          new LocalEmbeddingService(model)
              .embed(
                  EmbeddingRequest.builder()
                      .model("x")
                      .inputTokenArrays(List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7, 8}))
                      .build());

      assertThat(model).isInstanceOf(DecoderEmbedder.class);
      assertThat(r.model()).isEqualTo("tiny-qwen3");
      assertThat(r.data()).hasSize(2);
      assertThat(r.embedding(1).dimensions()).isEqualTo(32);
      assertThat(r.embedding(0).cosineSimilarity(r.embedding(0))).isCloseTo(1.0, within(1e-6));
      assertThat(r.embedding(0).cosineSimilarity(r.embedding(1))).isLessThan(0.9999);
      assertThat(r.usage().orElseThrow().promptTokens()).isEqualTo(8);
    }
  }

  @Test
  void textNeedsATokenizerInTheMetadata() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("bare.gguf"), spec());

    try (EmbeddingModel model = EmbeddingModels.load(tiny.file, 1)) {
      assertThatThrownBy(
              () ->
                  new LocalEmbeddingService(model)
                      .embed(EmbeddingRequest.builder().model("x").input("hi").build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("no tokenizer");
    }
  }

  /** A copy of a GGUF file with one more metadata key (an int), tensors copied byte for byte. */
  static Path withMetadata(Path source, Path target, String key, int value) {
    GgufWriter w = new GgufWriter();
    try (GgufFile f = GgufFile.open(source)) {
      for (String k : f.metadata().keys()) {
        Object v = f.metadata().get(k).orElseThrow();
        if (v instanceof String) {
          w.putString(k, (String) v);
        } else if (v instanceof Integer) {
          w.putI32(k, (Integer) v);
        } else if (v instanceof Long) {
          w.putU64(k, (Long) v);
        } else if (v instanceof Float) {
          w.putF32(k, (Float) v);
        } else if (v instanceof Boolean) {
          w.putBool(k, (Boolean) v);
        } else if (v instanceof String[]) {
          w.putStringArray(k, (String[]) v);
        } else if (v instanceof float[]) {
          w.putFloatArray(k, (float[]) v);
        } else if (v instanceof int[]) {
          w.putIntArray(k, (int[]) v);
        }
      }
      w.putI32(key, value);
      for (dev.llmkit.local.internal.gguf.TensorInfo t : f.tensors()) {
        java.nio.ByteBuffer data = f.tensorData(t);
        byte[] bytes = new byte[(int) t.byteSize()];
        data.duplicate().get(bytes);
        w.tensor(t.name(), t.type(), t.shape(), bytes);
      }
    }
    return w.write(target);
  }

  @Test
  void lastTokenPoolingEndsTextWithEos() {
    Path stories = SharedModels.resolve("stories260K/stories260K.gguf");
    Path last = withMetadata(stories, dir.resolve("stories-last.gguf"), "llama.pooling_type", 3);

    try (EmbeddingModel mean = EmbeddingModels.load(stories, 1);
        EmbeddingModel model = EmbeddingModels.load(last, 1)) {
      int[] plain = mean.tokenize("Once upon a time");
      int[] ids = model.tokenize("Once upon a time");
      EmbeddingResponse viaText =
          new LocalEmbeddingService(model)
              .embed(EmbeddingRequest.builder().model("m").input("Once upon a time").build());
      EmbeddingResponse viaIds =
          new LocalEmbeddingService(model)
              .embed(EmbeddingRequest.builder().model("m").inputTokens(ids).build());

      assertThat(((DecoderEmbedder) model).pooling()).isEqualTo(Pooling.LAST);
      assertThat(ids).hasSize(plain.length + 1).startsWith(plain);
      assertThat(ids[ids.length - 1]).isEqualTo(2); // </s> of the llama2 vocabulary
      assertThat(viaText.embedding(0).vector()).containsExactly(viaIds.embedding(0).vector());
      assertThat(viaText.usage().orElseThrow().promptTokens()).isEqualTo(ids.length);
    }
  }

  @Test
  void embedsTextWithARealDecoderModel() {
    Path stories = SharedModels.resolve("stories260K/stories260K.gguf");

    try (EmbeddingModel model = EmbeddingModels.load(stories, 2)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);
      EmbeddingResponse r =
          service.embed(
              EmbeddingRequest.builder()
                  .model("stories")
                  .inputs(List.of("Once upon a time", "Once upon a time", "The cat sat"))
                  .build());

      assertThat(r.data()).hasSize(3);
      assertThat(r.embedding(0).vector()).containsExactly(r.embedding(1).vector());
      assertThat(r.embedding(2).dimensions()).isEqualTo(model.dimensions());
      assertThat(r.usage().orElseThrow().promptTokens())
          .isEqualTo(
              2 * model.tokenize("Once upon a time").length + model.tokenize("The cat sat").length);
    }
  }
}
