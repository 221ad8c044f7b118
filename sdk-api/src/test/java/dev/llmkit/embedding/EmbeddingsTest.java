package dev.llmkit.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmbeddingsTest {

  @Test
  void orthogonalVectorsHaveSimilarityZero() {
    assertThat(Embeddings.cosineSimilarity(new float[] {1, 0, 0}, new float[] {0, 3, 0}))
        .isCloseTo(0.0, within(1e-12));
  }

  @Test
  void identicalVectorsHaveSimilarityOne() {
    float[] v = {0.3f, -1.2f, 4.5f};

    assertThat(Embeddings.cosineSimilarity(v, v.clone())).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void oppositeVectorsHaveSimilarityMinusOne() {
    assertThat(Embeddings.cosineSimilarity(new float[] {1, 2}, new float[] {-2, -4}))
        .isCloseTo(-1.0, within(1e-9));
  }

  @Test
  void fortyFiveDegreesGivesOneOverRootTwo() {
    assertThat(Embeddings.cosineSimilarity(new float[] {1, 0}, new float[] {1, 1}))
        .isCloseTo(1 / Math.sqrt(2), within(1e-7));
  }

  @Test
  void dimensionMismatchIsRejected() {
    assertThatThrownBy(() -> Embeddings.cosineSimilarity(new float[3], new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a has 3 dimensions and b has 4");
  }

  @Test
  void zeroVectorIsRejected() {
    assertThatThrownBy(() -> Embeddings.cosineSimilarity(new float[] {0, 0}, new float[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a is a zero vector");
  }

  @Test
  void embeddingsCompareByCosineSimilarity() {
    Embedding a = Embedding.of(0, new float[] {2, 0});
    Embedding b = Embedding.of(1, new float[] {0, 5});

    assertThat(a.cosineSimilarity(b)).isCloseTo(0.0, within(1e-12));
  }
}
