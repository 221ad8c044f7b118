package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;

/**
 * WireMock stubs answering like OpenAI for the contract kit: a model that works (blocking and
 * streamed, consistently), one that does not exist (404), and one whose answer carries unknown
 * fields. Streaming requests are told apart by {@code "stream": true}.
 */
final class ContractStubs {
  static final String MISSING_MODEL = "gpt-9";
  static final String FUTURE_MODEL = "future-model";

  private ContractStubs() {}

  static void stub(
      String path, String completionGolden, String streamGolden, String unknownGolden) {
    stubFor(
        post(path)
            .atPriority(5)
            .willReturn(okJson(Golden.read("openai/contract/" + completionGolden))));
    stubFor(
        post(path)
            .atPriority(4)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/contract/" + streamGolden))));
    stubFor(
        post(path)
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.model", equalTo(MISSING_MODEL)))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("x-request-id", "req_404")
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/errors/404.json"))));
    stubFor(
        post(path)
            .atPriority(2)
            .withRequestBody(matchingJsonPath("$.model", equalTo(FUTURE_MODEL)))
            .willReturn(okJson(Golden.read("openai/" + unknownGolden))));
  }
}
