package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.LlmClient;
import dev.llmkit.contract.FineTuningContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider-neutral fine-tuning contract against WireMock playing OpenAI's API. */
class OpenAiFineTuningContractTest extends FineTuningContract {
  private static final String JOB = "/v1/fine_tuning/jobs/ftjob-abc123";
  private static final String MODEL = "ft:gpt-4o-mini-2024-07-18:org-123:support-bot:9ABel2dg";

  @RegisterExtension
  static final WireMockExtension WM =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String golden(String name) {
    return Golden.read("openai/fine-tuning/" + name);
  }

  @BeforeEach
  void setUp() {
    WM.resetAll();
    WM.stubFor(
        post("/v1/files").willReturn(okJson(Golden.read("openai/files/file-uploaded.json"))));
    WM.stubFor(post("/v1/fine_tuning/jobs").willReturn(okJson(golden("job-queued.json"))));
    WM.stubFor(
        get(urlPathEqualTo(JOB))
            .inScenario("job")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(golden("job-running.json")))
            .willSetStateTo("done"));
    WM.stubFor(
        get(urlPathEqualTo(JOB))
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(okJson(golden("job-succeeded.json"))));
    WM.stubFor(get(urlPathEqualTo(JOB + "/events")).willReturn(okJson(golden("events.json"))));
    WM.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        Golden.read("openai/contract/chat-completion.json")
                            .replace("\"gpt-4o-mini\"", "\"" + MODEL + "\""))));
  }

  @Override
  protected LlmClient client() {
    return CapabilityClients.client(WM.baseUrl());
  }

  @Override
  protected String baseModel() {
    return "gpt-4o-mini-2024-07-18";
  }

  @Override
  protected byte[] trainingData() {
    return ("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
            + " {\"role\": \"assistant\", \"content\": \"Hello!\"}]}\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
