package dev.llmkit.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingRequestTest {

  private static EmbeddingRequest.Builder base() {
    return EmbeddingRequest.builder().model("text-embedding-3-small");
  }

  @Test
  void oneTextIsATextInput() {
    EmbeddingRequest request = base().input("hello").build();

    assertThat(request.inputKind()).isEqualTo(EmbeddingRequest.InputKind.TEXT);
    assertThat(request.texts()).containsExactly("hello");
    assertThat(request.inputCount()).isEqualTo(1);
  }

  @Test
  void tokenArraysAreCopiedInAndOut() {
    int[] tokens = {1, 2, 3};
    EmbeddingRequest request = base().inputTokenArrays(List.of(tokens, new int[] {4})).build();

    tokens[0] = 99;
    request.tokenArrays().get(0)[1] = 77;

    assertThat(request.inputKind()).isEqualTo(EmbeddingRequest.InputKind.TOKEN_ARRAYS);
    assertThat(request.tokenArrays().get(0)).containsExactly(1, 2, 3);
    assertThat(request.inputCount()).isEqualTo(2);
  }

  @Test
  void singleTokenArrayIsATokensInput() {
    EmbeddingRequest request = base().inputTokens(5, 6).build();

    assertThat(request.inputKind()).isEqualTo(EmbeddingRequest.InputKind.TOKENS);
    assertThat(request.tokenArrays())
        .singleElement()
        .satisfies(a -> assertThat(a).containsExactly(5, 6));
  }

  @Test
  void emptyInputsAreRejectedNamingTheProblem() {
    assertThatThrownBy(() -> base().inputs(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputs is empty");
    assertThatThrownBy(() -> base().inputs(List.of("ok", "")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputs[1]");
    assertThatThrownBy(() -> base().inputTokenArrays(List.of(new int[0])).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputTokenArrays[0] is empty");
  }

  @Test
  void dimensionsBelowOneAreRejected() {
    assertThatThrownBy(() -> base().input("x").dimensions(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions is 0; it must be at least 1");
  }

  @Test
  void modelIsRequired() {
    assertThatThrownBy(() -> EmbeddingRequest.builder().input("x").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("model");
  }

  @Test
  void unknownEncodingFormatIsKept() {
    EmbeddingRequest request = base().input("x").encodingFormat(EncodingFormat.of("int8")).build();

    assertThat(request.encodingFormat()).isEqualTo(new EncodingFormat("int8"));
    assertThat(request.encodingFormat().isKnown()).isFalse();
    assertThat(EncodingFormat.of("base64")).isSameAs(EncodingFormat.BASE64);
  }

  @Test
  void equalRequestsWithEqualTokenArraysAreEqual() {
    EmbeddingRequest a = base().inputTokens(1, 2).dimensions(8).build();
    EmbeddingRequest b = base().inputTokens(1, 2).dimensions(8).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().inputTokens(1, 3).build()).isNotEqualTo(b);
  }

  @Test
  void toStringNeverPrintsTheInput() {
    assertThat(base().input("my secret text").build().toString())
        .doesNotContain("secret")
        .contains("text-embedding-3-small");
  }

  @Test
  void embeddingVectorIsDefensivelyCopied() {
    float[] vector = {1f, 2f};
    Embedding embedding = Embedding.of(0, vector);

    vector[0] = 9f;
    embedding.vector()[1] = 9f;

    assertThat(embedding.vector()).containsExactly(1f, 2f);
    assertThat(embedding.asBuffer().isReadOnly()).isTrue();
    assertThat(embedding.get(1)).isEqualTo(2f);
    assertThat(embedding.dimensions()).isEqualTo(2);
  }
}
