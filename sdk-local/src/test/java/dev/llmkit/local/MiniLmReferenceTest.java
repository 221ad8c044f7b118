package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2 (F16 GGUF) through the public API must give the vectors ONNX Runtime
 * gives for the same model (langchain4j's {@code AllMiniLmL6V2EmbeddingModel}): cosine ≥ 0.999 for
 * every sentence of a varied set. The client truncates at the reference's 128 tokens so the long
 * text is compared like for like.
 */
class MiniLmReferenceTest {
  @TempDir static Path dataDir;
  private static LocalClient client;
  private static AllMiniLmL6V2EmbeddingModel onnx;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .embeddingModel(SharedModels.resolve(MiniLmReference.GGUF))
            .embeddingOptions(
                LocalEmbeddingOptions.builder()
                    .maxTokens(MiniLmReference.REFERENCE_MAX_TOKENS)
                    .build())
            .dataDir(dataDir)
            .threads(2)
            .build();
    onnx = MiniLmReference.onnx();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void everySentenceAgreesWithOnnxRuntime() {
    List<String> sentences = MiniLmReference.sentences();
    assertThat(sentences).hasSizeGreaterThanOrEqualTo(50);

    EmbeddingResponse ours =
        client
            .embeddings()
            .embed(EmbeddingRequest.builder().model("all-MiniLM-L6-v2").inputs(sentences).build());
    List<float[]> reference = MiniLmReference.onnxVectors(onnx, sentences);

    List<String> below = new ArrayList<>();
    double worst = 1;
    for (int i = 0; i < sentences.size(); i++) {
      double c = cosine(ours.embedding(i).vector(), reference.get(i));
      worst = Math.min(worst, c);
      if (c < 0.999) {
        below.add(String.format("#%d cosine %.5f: %s", i, c, sentences.get(i)));
      }
    }
    assertThat(below).as("sentences below cosine 0.999 (worst %.6f)", worst).isEmpty();
    assertThat(ours.embedding(0).vector()).hasSize(384);
  }

  @Test
  void oneByOneAndBatchedVectorsAreTheSame() {
    List<String> sentences = MiniLmReference.sentences().subList(0, 8);

    EmbeddingResponse batch =
        client.embeddings().embed(EmbeddingRequest.builder().model("m").inputs(sentences).build());

    for (int i = 0; i < sentences.size(); i++) {
      float[] single =
          client
              .embeddings()
              .embed(EmbeddingRequest.builder().model("m").input(sentences.get(i)).build())
              .embedding(0)
              .vector();
      assertThat(cosine(single, batch.embedding(i).vector())).isGreaterThan(0.99999);
    }
  }
}
