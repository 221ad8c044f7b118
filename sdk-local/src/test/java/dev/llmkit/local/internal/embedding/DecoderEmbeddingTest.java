package dev.llmkit.local.internal.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.local.internal.gguf.GgufFile;
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
    assertThatThrownBy(() -> pooling(dir, "qwen3", 4)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("rerankers");
  }

  @Test
  void tokenArraysGiveUnitVectorsOfTheModelWidth() {
    TinyModels.Model tiny = TinyModels.write(dir.resolve("tiny-qwen3.gguf"), spec());

    try (EmbeddingModel model = EmbeddingModels.load(tiny.file, 2)) {
      EmbeddingResponse r = new LocalEmbeddingService(model).embed(EmbeddingRequest.builder()
          .model("x").inputTokenArrays(List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7, 8}))
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
      assertThatThrownBy(() -> new LocalEmbeddingService(model)
          .embed(EmbeddingRequest.builder().model("x").input("hi").build()))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no tokenizer");
    }
  }

  @Test
  void embedsTextWithARealDecoderModel() {
    Path stories = SharedModels.resolve("stories260K/stories260K.gguf");

    try (EmbeddingModel model = EmbeddingModels.load(stories, 2)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);
      EmbeddingResponse r = service.embed(EmbeddingRequest.builder().model("stories")
          .inputs(List.of("Once upon a time", "Once upon a time", "The cat sat")).build());

      assertThat(r.data()).hasSize(3);
      assertThat(r.embedding(0).vector()).containsExactly(r.embedding(1).vector());
      assertThat(r.embedding(2).dimensions()).isEqualTo(model.dimensions());
      assertThat(r.usage().orElseThrow().promptTokens())
          .isEqualTo(2 * model.tokenize("Once upon a time").length
              + model.tokenize("The cat sat").length);
    }
  }
}
