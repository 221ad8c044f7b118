package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.contract.EmbeddingServiceContract;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingService;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The provider-neutral embedding contract, run against WireMock goldens. */
@WireMockTest
class OpenAiEmbeddingServiceContractTest extends EmbeddingServiceContract {
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
    stubFor(post("/v1/embeddings").atPriority(5).willReturn(json(200, "response-base64.json")));
    stubFor(
        post("/v1/embeddings")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.dimensions", equalTo("2")))
            .willReturn(json(200, "response-shortened.json")));
    stubFor(
        post("/v1/embeddings")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.model", equalTo("no-such-embedding-model")))
            .willReturn(json(404, "error-404-model.json")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String golden) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(Golden.read("openai/embeddings/" + golden));
  }

  @Override
  protected EmbeddingService embeddingService() {
    return CapabilityClients.embeddings(baseUrl);
  }

  @Override
  protected EmbeddingRequest validRequest() {
    return EmbeddingRequest.builder()
        .model("text-embedding-3-small")
        .inputs(List.of("The food was delicious", "The waiter was friendly"))
        .build();
  }

  @Override
  protected EmbeddingRequest invalidRequest() {
    return validRequest().toBuilder().model("no-such-embedding-model").build();
  }

  @Override
  protected EmbeddingRequest shortenedRequest() {
    return validRequest().toBuilder().dimensions(2).build();
  }
}
