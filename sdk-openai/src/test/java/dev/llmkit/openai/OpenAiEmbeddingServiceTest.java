package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.embedding.Embeddings;
import dev.llmkit.embedding.EncodingFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiEmbeddingServiceTest {
  private EmbeddingService embeddings;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    embeddings = CapabilityClients.embeddings(wm.getHttpBaseUrl());
  }

  private static void answer(String golden) {
    stubFor(
        post("/v1/embeddings")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/embeddings/" + golden))));
  }

  private static EmbeddingRequest twoTexts() {
    return EmbeddingRequest.builder()
        .model("text-embedding-3-small")
        .inputs(List.of("The food was delicious", "The waiter was friendly"))
        .build();
  }

  @Test
  void requestsBase64ByDefaultAndDecodesLittleEndianFloats() {
    answer("response-base64.json");

    EmbeddingResponse response = embeddings.embed(twoTexts());

    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(
                equalToJson(Golden.read("openai/embeddings/request-texts-default.json"))));
    assertThat(response.data()).hasSize(2);
    assertThat(response.embedding(0).vector()).containsExactly(1.0f, -2.5f, 0.125f);
    assertThat(response.embedding(1).vector()).containsExactly(0.5f, 0.25f, -1.0f);
    assertThat(response.model()).isEqualTo("text-embedding-3-small");
  }

  @Test
  void reportsUsageAndKeepsUnknownFields() {
    answer("response-base64.json");

    EmbeddingResponse response = embeddings.embed(twoTexts());

    assertThat(response.usage())
        .hasValueSatisfying(
            u -> {
              assertThat(u.promptTokens()).isEqualTo(8);
              assertThat(u.totalTokens()).isEqualTo(8);
            });
    assertThat(response.extra()).containsEntry("service_tier", "default");
    assertThat(response.embedding(0).extra()).containsEntry("future_field", "kept");
  }

  @Test
  void floatFormatSendsOptionsAndParsesJsonArrays() {
    answer("response-float.json");
    EmbeddingRequest request =
        EmbeddingRequest.builder()
            .model("text-embedding-3-large")
            .input("The food was delicious")
            .encodingFormat(EncodingFormat.FLOAT)
            .dimensions(3)
            .user("user-42")
            .putExtraBody("future_option", true)
            .build();

    EmbeddingResponse response = embeddings.embed(request);

    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(
                equalToJson(Golden.read("openai/embeddings/request-text-float-options.json"))));
    assertThat(response.embedding(0).vector())
        .containsExactly(1.0f, -2.5f, 0.125f, 3.0f, -0.0009765625f);
  }

  @Test
  void sendsOneTokenArrayAsAFlatArray() {
    answer("response-one-base64.json");

    EmbeddingResponse response =
        embeddings.embed(
            EmbeddingRequest.builder()
                .model("text-embedding-3-small")
                .inputTokens(1820, 25977, 374)
                .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(equalToJson(Golden.read("openai/embeddings/request-tokens.json"))));
    assertThat(response.embedding(0).vector()).containsExactly(0.5f, 0.25f);
  }

  @Test
  void sendsManyTokenArraysAsNestedArrays() {
    answer("response-two-base64.json");

    EmbeddingResponse response =
        embeddings.embed(
            EmbeddingRequest.builder()
                .model("text-embedding-3-small")
                .inputTokenArrays(List.of(new int[] {1820, 25977}, new int[] {374}))
                .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(
                equalToJson(Golden.read("openai/embeddings/request-token-arrays.json"))));
    assertThat(response.data()).hasSize(2);
  }

  @Test
  void embedAsyncDeliversTheSameResult() {
    answer("response-base64.json");

    EmbeddingResponse response =
        embeddings.embedAsync(twoTexts()).timeout(10, TimeUnit.SECONDS).blockingGet();

    assertThat(response.embedding(1).vector()).containsExactly(0.5f, 0.25f, -1.0f);
  }

  @Test
  void cosineSimilarityOfDecodedVectorsMatchesHandComputedValue() {
    answer("response-base64.json");

    EmbeddingResponse response = embeddings.embed(twoTexts());

    // (1*0.5 + -2.5*0.25 + 0.125*-1) / (|a| |b|), a = (1, -2.5, 0.125), b = (0.5, 0.25, -1)
    double expected = -0.25 / (Math.sqrt(7.265625) * Math.sqrt(1.3125));
    assertThat(
            Embeddings.cosineSimilarity(
                response.embedding(0).vector(), response.embedding(1).vector()))
        .isCloseTo(expected, within(1e-6));
  }

  @Test
  void embedAllSplitsInputsIntoBatchesOfTheConfiguredSize() {
    stubFor(
        post("/v1/embeddings")
            .withRequestBody(
                matchingJsonPath(
                    "$.input.length()",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/embeddings/response-two-base64.json"))));
    stubFor(
        post("/v1/embeddings")
            .withRequestBody(
                matchingJsonPath(
                    "$.input.length()",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/embeddings/response-one-base64.json"))));
    EmbeddingRequest request =
        EmbeddingRequest.builder()
            .model("text-embedding-3-small")
            .inputs(List.of("a", "b", "c", "d", "e"))
            .build();

    EmbeddingResponse response = Embeddings.embedAll(embeddings, request, 2);

    verify(3, postRequestedFor(urlEqualTo("/v1/embeddings")));
    assertThat(response.data()).extracting(e -> e.index()).containsExactly(0, 1, 2, 3, 4);
    assertThat(response.embedding(4).vector()).containsExactly(0.5f, 0.25f);
  }

  @Test
  void largeVectorsDecodeIdenticallyFromBase64AndFromJsonArrays() {
    float[] expected = new float[3072];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) random.nextGaussian() / 10;
    }
    java.nio.ByteBuffer le =
        java.nio.ByteBuffer.allocate(expected.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    le.asFloatBuffer().put(expected);
    String base64 = java.util.Base64.getEncoder().encodeToString(le.array());
    StringBuilder array = new StringBuilder("[");
    for (int i = 0; i < expected.length; i++) {
      array.append(i == 0 ? "" : ",").append(expected[i]);
    }
    array.append(']');
    stubFor(
        post("/v1/embeddings")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"list\",\"model\":\"m\",\"data\":["
                            + "{\"object\":\"embedding\",\"index\":0,\"embedding\":\""
                            + base64
                            + "\"},"
                            + "{\"object\":\"embedding\",\"index\":1,\"embedding\":"
                            + array
                            + "}]}")));

    EmbeddingResponse response = embeddings.embed(twoTexts());

    assertThat(response.embedding(0).vector()).containsExactly(expected);
    assertThat(response.embedding(1).vector()).containsExactly(expected);
  }

  @Test
  void base64OfAPartialFloatIsAMalformedResponse() {
    stubFor(
        post("/v1/embeddings")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"list\",\"model\":\"m\",\"data\":["
                            + "{\"object\":\"embedding\",\"index\":0,\"embedding\":\"AAAAAAA=\"}]}")));

    assertThatThrownBy(() -> embeddings.embed(twoTexts()))
        .isInstanceOf(dev.llmkit.LlmException.class)
        .isNotInstanceOf(LlmApiException.class)
        .hasMessageContaining("5 bytes");
  }

  @Test
  void badRequestMapsToInvalidRequestException() {
    stubFor(
        post("/v1/embeddings")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-request-id", "req_emb_1")
                    .withBody(Golden.read("openai/embeddings/error-400.json"))));

    assertThatThrownBy(() -> embeddings.embed(twoTexts()))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e -> {
              LlmApiException api = (LlmApiException) e;
              assertThat(api.statusCode()).isEqualTo(400);
              assertThat(api.param()).hasValue("dimensions");
              assertThat(api.requestId()).hasValue("req_emb_1");
            });
  }
}
