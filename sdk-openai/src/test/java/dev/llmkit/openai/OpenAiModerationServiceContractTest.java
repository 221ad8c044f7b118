package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.contract.ModerationServiceContract;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationService;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The provider-neutral moderation contract, run against WireMock goldens. */
@WireMockTest
class OpenAiModerationServiceContractTest extends ModerationServiceContract {
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
    stubFor(
        post("/v1/moderations")
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/moderation/response-two.json"))));
    stubFor(
        post("/v1/moderations")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.model", equalTo("no-such-moderation-model")))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/errors/404.json"))));
  }

  @Override
  protected ModerationService moderationService() {
    return CapabilityClients.moderation(baseUrl);
  }

  @Override
  protected ModerationRequest validRequest() {
    return ModerationRequest.builder().inputs(List.of("first text", "second text")).build();
  }

  @Override
  protected ModerationRequest invalidRequest() {
    return validRequest().toBuilder().model("no-such-moderation-model").build();
  }
}
