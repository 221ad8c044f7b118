package dev.llmkit.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.common.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EmbeddingsBatchingTest {

  /**
   * Embeds a text as {length, first char} and bills one prompt token per character. Returns the
   * embeddings in reverse order, as a provider is free to.
   */
  static final class LengthEmbedder implements EmbeddingService {
    final List<EmbeddingRequest> requests = new CopyOnWriteArrayList<>();
    boolean dropOne;

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
      requests.add(request);
      List<Embedding> data = new ArrayList<>();
      int tokens = 0;
      List<String> texts = request.texts();
      for (int i = texts.size() - 1; i >= (dropOne ? 1 : 0); i--) {
        String t = texts.get(i);
        data.add(Embedding.of(i, new float[] {t.length(), t.charAt(0)}));
        tokens += t.length();
      }
      return EmbeddingResponse.builder()
          .model(request.model())
          .data(data)
          .usage(Usage.builder().promptTokens(tokens).totalTokens(tokens).build())
          .build();
    }
  }

  private static final List<String> INPUTS = List.of("a", "bb", "ccc", "dddd", "eeeee", "f", "gg");
  private static final EmbeddingRequest TEMPLATE =
      EmbeddingRequest.builder().model("m").input("ignored").dimensions(2).build();

  @Test
  void splitsIntoRequestsWithinTheBatchSize() {
    LengthEmbedder service = new LengthEmbedder();

    Embeddings.embedAll(service, TEMPLATE, INPUTS, 3);

    assertThat(service.requests)
        .extracting(EmbeddingRequest::texts)
        .containsExactly(List.of("a", "bb", "ccc"), List.of("dddd", "eeeee", "f"), List.of("gg"));
    assertThat(service.requests).allSatisfy(r -> assertThat(r.dimensions()).isEqualTo(2));
  }

  @Test
  void reassemblesVectorsInInputOrderWithGlobalIndices() {
    EmbeddingResponse response = Embeddings.embedAll(new LengthEmbedder(), TEMPLATE, INPUTS, 3);

    assertThat(response.data()).extracting(Embedding::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
    for (int i = 0; i < INPUTS.size(); i++) {
      String text = INPUTS.get(i);
      assertThat(response.embedding(i).vector()).containsExactly(text.length(), text.charAt(0));
    }
    assertThat(response.model()).isEqualTo("m");
  }

  @Test
  void sumsUsageOverBatches() {
    EmbeddingResponse response = Embeddings.embedAll(new LengthEmbedder(), TEMPLATE, INPUTS, 3);

    int characters = INPUTS.stream().mapToInt(String::length).sum();
    assertThat(response.usage())
        .hasValueSatisfying(
            u -> {
              assertThat(u.promptTokens()).isEqualTo(characters);
              assertThat(u.totalTokens()).isEqualTo(characters);
            });
  }

  @Test
  void asyncVariantGivesTheSameResult() {
    EmbeddingRequest request = TEMPLATE.toBuilder().inputs(INPUTS).build();

    EmbeddingResponse async =
        Embeddings.embedAllAsync(new LengthEmbedder(), request, 2).blockingGet();

    assertThat(async).isEqualTo(Embeddings.embedAll(new LengthEmbedder(), request, 2));
  }

  @Test
  void requestThatFitsIsSentUnchanged() {
    LengthEmbedder service = new LengthEmbedder();
    EmbeddingRequest request = TEMPLATE.toBuilder().input("single").build();

    Embeddings.embedAll(service, request, 10);

    assertThat(service.requests).containsExactly(request);
  }

  @Test
  void batchSizeBelowOneIsRejected() {
    assertThatThrownBy(() -> Embeddings.embedAll(new LengthEmbedder(), TEMPLATE, INPUTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchSize is 0; it must be at least 1");
  }

  @Test
  void missingEmbeddingsFromTheProviderAreReported() {
    LengthEmbedder service = new LengthEmbedder();
    service.dropOne = true;

    assertThatThrownBy(() -> Embeddings.embedAll(service, TEMPLATE, INPUTS, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batch 0 sent 3 inputs but the provider returned 2 embeddings");
  }
}
