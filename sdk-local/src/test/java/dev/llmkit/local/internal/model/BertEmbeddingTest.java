package dev.llmkit.local.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.embedding.Embedding;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.local.LocalEmbeddingOptions;
import dev.llmkit.local.internal.embedding.EmbeddingModel;
import dev.llmkit.local.internal.embedding.EmbeddingModels;
import dev.llmkit.local.internal.embedding.Pooling;
import dev.llmkit.local.internal.service.LocalEmbeddingService;
import dev.llmkit.local.internal.tokenizer.WordPieceTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertEmbeddingTest {
  @TempDir Path dir;

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("component %d", i).isCloseTo(expected[i], within(2e-5f));
    }
  }

  private static EmbeddingRequest texts(String... texts) {
    return EmbeddingRequest.builder().model("tiny-bert").inputs(List.of(texts)).build();
  }

  @Test
  void meanPooledEmbeddingsMatchTheOracle() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 7);
    NaiveBert oracle = new NaiveBert(bert);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 2)) {
      EmbeddingResponse r =
          new LocalEmbeddingService(model)
              .embed(texts("hello world", "Unaffable worlds, CAFÉ!", "我爱 the cafe"));

      assertThat(r.model()).isEqualTo("tiny-bert");
      assertThat(r.data()).extracting(Embedding::index).containsExactly(0, 1, 2);
      WordPieceTokenizer t = ((BertEncoder) model).tokenizer();
      String[] inputs = {"hello world", "Unaffable worlds, CAFÉ!", "我爱 the cafe"};
      int tokens = 0;
      for (int i = 0; i < inputs.length; i++) {
        int[] ids = t.encode(inputs[i], 100);
        tokens += ids.length;
        assertClose(r.embedding(i).vector(), NaiveBert.embedding(oracle.hidden(ids), 1, 16));
      }
      assertThat(r.usage().orElseThrow().promptTokens()).isEqualTo(tokens).isEqualTo(4 + 10 + 6);
      assertThat(r.usage().orElseThrow().totalTokens()).isEqualTo(tokens);
    }
  }

  @Test
  void clsPooledEmbeddingsMatchTheOracle() {
    TinyBert bert = new TinyBert(dir.resolve("cls.gguf"), 2, 11);
    NaiveBert oracle = new NaiveBert(bert);
    int[] ids = {2, 13, 9, 14, 15, 3};

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 1)) {
      EmbeddingResponse r =
          new LocalEmbeddingService(model)
              .embed(EmbeddingRequest.builder().model("m").inputTokens(ids).build());

      assertThat(((BertEncoder) model).pooling()).isEqualTo(Pooling.CLS);
      assertClose(r.embedding(0).vector(), NaiveBert.embedding(oracle.hidden(ids), 2, 16));
      assertThat(r.usage().orElseThrow().promptTokens()).isEqualTo(6);
    }
  }

  @Test
  void nomicBertEmbeddingsMatchTheOracle() {
    TinyBert nomic = new TinyBert(dir.resolve("tiny-nomic.gguf"), "nomic-bert", 1, 21);
    NaiveBert oracle = new NaiveBert(nomic);
    int[] ids = {2, 13, 14, 15, 10, 5, 9, 4, 3};

    try (EmbeddingModel model = EmbeddingModels.load(nomic.file, 2)) {
      EmbeddingResponse r =
          new LocalEmbeddingService(model)
              .embed(EmbeddingRequest.builder().model("m").inputTokens(ids).build());

      assertClose(r.embedding(0).vector(), NaiveBert.embedding(oracle.hidden(ids), 1, 16));
      assertThat(model.maxTokens()).isEqualTo(24);
    }
  }

  @Test
  void vectorsHaveUnitLengthAndDimensionsTruncatesThenRenormalises() {
    TinyBert bert = new TinyBert(dir.resolve("m.gguf"), -1, 3);
    NaiveBert oracle = new NaiveBert(bert);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 2)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);
      float[] full = service.embed(texts("the world")).embedding(0).vector();
      float[] short6 =
          service.embed(texts("the world").toBuilder().dimensions(6).build()).embedding(0).vector();

      assertThat(norm(full)).isCloseTo(1.0, within(1e-5));
      assertThat(short6).hasSize(6);
      assertThat(norm(short6)).isCloseTo(1.0, within(1e-5));
      int[] ids = ((BertEncoder) model).tokenizer().encode("the world", 64);
      assertClose(short6, NaiveBert.embedding(oracle.hidden(ids), 1, 6));
    }
  }

  @Test
  void tooManyDimensionsTokensOrBadIdsAreInvalidRequests() {
    TinyBert bert = new TinyBert(dir.resolve("m.gguf"), 1, 3);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 1)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);

      assertThatThrownBy(() -> service.embed(texts("x").toBuilder().dimensions(17).build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at most 16");
      LocalEmbeddingService strict =
          new LocalEmbeddingService(model, LocalEmbeddingOptions.builder().truncate(false).build());
      assertThatThrownBy(() -> strict.embed(texts("hello ".repeat(30))))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at most 24")
          .hasMessageContaining("embedding-truncate");
      assertThatThrownBy(
              () ->
                  service.embed(
                      EmbeddingRequest.builder()
                          .model("m")
                          .inputTokenArrays(List.of(new int[25]))
                          .build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at most 24");
      assertThatThrownBy(
              () ->
                  service.embed(
                      EmbeddingRequest.builder().model("m").inputTokens(2, 999, 3).build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("token id 999");
      assertThatThrownBy(() -> service.embed(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void longTextsAreCutToTheLimitKeepingSepLast() {
    TinyBert bert = new TinyBert(dir.resolve("m.gguf"), 1, 3);
    NaiveBert oracle = new NaiveBert(bert);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 1)) {
      LocalEmbeddingService byModel = new LocalEmbeddingService(model);
      LocalEmbeddingService by6 =
          new LocalEmbeddingService(model, LocalEmbeddingOptions.builder().maxTokens(6).build());

      EmbeddingResponse atModelLimit = byModel.embed(texts("hello world ".repeat(20)));
      EmbeddingResponse at6 = by6.embed(texts("hello world the cafe hello world"));

      assertThat(atModelLimit.usage().orElseThrow().promptTokens()).isEqualTo(24);
      assertThat(at6.usage().orElseThrow().promptTokens()).isEqualTo(6);
      assertClose(
          at6.embedding(0).vector(),
          NaiveBert.embedding(oracle.hidden(new int[] {2, 13, 14, 4, 5, 3}), 1, 16));
      assertThatThrownBy(
              () ->
                  new LocalEmbeddingService(
                      model, LocalEmbeddingOptions.builder().maxTokens(25).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most 24");
    }
  }

  @Test
  void whitespaceOnlyTextsAreInvalidRequests() {
    TinyBert bert = new TinyBert(dir.resolve("m.gguf"), 1, 3);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 1)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);

      // The request builder already refuses "" (IllegalArgumentException).
      for (String blank : new String[] {" ", " \t\n", "\u00A0\u2028\u200B\uE000"}) {
        assertThatThrownBy(() -> service.embed(texts("hello", blank)))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("input[1]")
            .hasMessageContaining("nothing to embed")
            .extracting(e -> ((InvalidRequestException) e).param().orElse(null))
            .isEqualTo("input");
      }
    }
  }

  @Test
  void embedsManyInputsInOrder() {
    TinyBert bert = new TinyBert(dir.resolve("m.gguf"), 1, 5);
    String[] inputs = new String[40];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = i % 2 == 0 ? "hello world " + i : "the cafe";
    }

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 2)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);
      EmbeddingResponse all = service.embed(texts(inputs));

      assertThat(all.data()).hasSize(40);
      for (int i : new int[] {0, 17, 39}) {
        // packed and single batches may sum in another order (blocked kernels): float tolerance
        assertClose(
            all.embedding(i).vector(), service.embed(texts(inputs[i])).embedding(0).vector());
      }
      assertThat(all.embedding(1).cosineSimilarity(all.embedding(3))).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void packedInputsMatchTheOracleOneByOne() {
    for (String arch : new String[] {"bert", "nomic-bert"}) {
      TinyBert bert = new TinyBert(dir.resolve(arch + "-pack.gguf"), arch, 1, 13);
      NaiveBert oracle = new NaiveBert(bert);
      List<int[]> inputs = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        int[] ids = new int[2 + i % 23];
        for (int j = 0; j < ids.length; j++) {
          ids[j] = 4 + (i * 7 + j * 3) % 21;
        }
        inputs.add(ids);
      }

      try (EmbeddingModel model = EmbeddingModels.load(bert.file, 2)) {
        EmbeddingResponse r =
            new LocalEmbeddingService(model)
                .embed(EmbeddingRequest.builder().model("m").inputTokenArrays(inputs).build());

        assertThat(r.data()).hasSize(150);
        for (int i : new int[] {0, 1, 22, 23, 77, 149}) {
          assertClose(
              r.embedding(i).vector(), NaiveBert.embedding(oracle.hidden(inputs.get(i)), 1, 16));
        }
      }
    }
  }

  @Test
  void mappedAndHeapCopiedWeightsMatchTheOracle() {
    for (String arch : new String[] {"bert", "nomic-bert"}) {
      TinyBert bert = new TinyBert(dir.resolve(arch + "-heap.gguf"), arch, 1, 21);
      NaiveBert oracle = new NaiveBert(bert);
      List<int[]> inputs =
          List.of(new int[] {2, 13, 14, 3}, new int[] {2, 5, 6, 7, 8, 9, 3}, new int[] {2, 4, 3});

      for (boolean heap : new boolean[] {true, false}) {
        try (dev.llmkit.local.internal.gguf.GgufFile file =
                dev.llmkit.local.internal.gguf.GgufFile.open(bert.file);
            dev.llmkit.local.internal.tensor.ComputePool pool =
                new dev.llmkit.local.internal.tensor.ComputePool(2)) {
          BertEncoder encoder = BertEncoder.load(file, pool, heap);
          assertThat(encoder.heapWeights()).isEqualTo(heap);
          List<float[]> pooled = encoder.embedAll(inputs);
          for (int i = 0; i < inputs.size(); i++) {
            assertClose(
                LocalEmbeddingService.normalized(pooled.get(i), 16),
                NaiveBert.embedding(oracle.hidden(inputs.get(i)), 1, 16));
          }
        }
      }
    }
  }

  @Test
  void concurrentCallersGetTheSameVectors() throws Exception {
    TinyBert bert = new TinyBert(dir.resolve("conc.gguf"), 1, 17);

    try (EmbeddingModel model = EmbeddingModels.load(bert.file, 2)) {
      LocalEmbeddingService service = new LocalEmbeddingService(model);
      float[] expected = service.embed(texts("hello world")).embedding(0).vector();
      java.util.concurrent.ExecutorService threads =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          results.add(
              threads.submit(() -> service.embed(texts("hello world")).embedding(0).vector()));
        }

        for (java.util.concurrent.Future<float[]> r : results) {
          assertThat(r.get()).containsExactly(expected);
        }
      } finally {
        threads.shutdown();
      }
    }
  }

  @Test
  void refusesArchitecturesThatCannotEmbed(@TempDir Path tmp) {
    Path file =
        new dev.llmkit.local.testing.GgufWriter()
            .putString("general.architecture", "mamba")
            .write(tmp.resolve("x.gguf"));

    assertThatThrownBy(() -> EmbeddingModels.load(file, 1))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'mamba'")
        .hasMessageContaining("bert, nomic-bert, llama, qwen2, qwen3, phi3, gemma2, gemma3");
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f * f;
    }
    return Math.sqrt(s);
  }
}
