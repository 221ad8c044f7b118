package dev.llmkit.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.finetuning.AwaitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class FineTuningWorkflowTest {
  private static final AwaitOptions FAST =
      AwaitOptions.builder()
          .initialInterval(Duration.ofMillis(20))
          .maxInterval(Duration.ofMillis(50))
          .timeout(Duration.ofSeconds(10))
          .build();

  private LlmClient llm;
  private final Golden.Capture out = new Golden.Capture();
  @TempDir Path dir;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    llm = Golden.openAi(wm);
  }

  @AfterEach
  void tearDown() {
    llm.close();
  }

  @Test
  void workflowValidatesUploadsTrainsAndChatsWithTheNewModel() throws IOException {
    assumeTrue(
        llm.supports(Capability.FINE_TUNING) && llm.supports(Capability.FILES),
        "openai files and fine-tuning are not wired yet");
    Path file = trainingFile(12);
    stubFor(post("/v1/files").willReturn(Golden.json("file-uploaded.json")));
    stubFor(post("/v1/fine_tuning/jobs").willReturn(Golden.json("job-created.json")));
    stubFor(
        get("/v1/fine_tuning/jobs/ftjob-ex1")
            .inScenario("job")
            .whenScenarioStateIs(STARTED)
            .willReturn(Golden.json("job-running.json"))
            .willSetStateTo("done"));
    stubFor(
        get("/v1/fine_tuning/jobs/ftjob-ex1")
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(Golden.json("job-succeeded.json")));
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-ex1/events"))
            .willReturn(Golden.json("job-events.json")));
    stubFor(post("/v1/chat/completions").willReturn(Golden.json("chat-fine-tuned.json")));

    String reply = FineTuningWorkflow.run(llm, out, file, FAST);

    assertThat(reply).isEqualTo("Hello from your fine-tuned model.");
    assertThat(out.toString())
        .contains(
            "12 examples, ~",
            "job ftjob-ex1 created from file-ex1",
            "  Validating training file: file-ex1",
            "  The job has successfully completed",
            "ft:gpt-4o-mini-2024-07-18:org-test:llmkit-example:abc123: Question 0? -> Hello from your");
    verify(
        postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
            .withRequestBody(matchingJsonPath("$.training_file", equalTo("file-ex1")))
            .withRequestBody(matchingJsonPath("$.suffix", equalTo("llmkit-example"))));
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                matchingJsonPath(
                    "$.model",
                    equalTo("ft:gpt-4o-mini-2024-07-18:org-test:llmkit-example:abc123"))));
  }

  @Test
  void invalidTrainingFileStopsBeforeAnyRequest() throws IOException {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(
        file, "{\"messages\": [{\"role\": \"wizard\", \"content\": \"Hi\"}]}\n" + "not json\n");

    assertThatThrownBy(() -> FineTuningWorkflow.run(llm, out, file, FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("errors");

    assertThat(out.toString()).contains("unknown_role").contains("invalid_json");
    assertThat(WireMock.getAllServeEvents()).isEmpty();
  }

  private Path trainingFile(int examples) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < examples; i++) {
      jsonl
          .append(
              "{\"messages\": [{\"role\": \"system\", \"content\": \"You are Marv.\"},"
                  + " {\"role\": \"user\", \"content\": \"Question ")
          .append(i)
          .append("?\"}," + " {\"role\": \"assistant\", \"content\": \"Answer ")
          .append(i)
          .append(".\"}]}\n");
    }
    Path file = dir.resolve("train.jsonl");
    Files.writeString(file, jsonl);
    return file;
  }
}
