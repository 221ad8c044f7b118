package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed, moderate, files and fine-tune against OpenAI's wire format on WireMock. */
@WireMockTest
class OpenAiCommandsTest {
  private String baseUrl;
  @TempDir Path dir;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl() + "/v1";
  }

  @Test
  void embedPrintsDimensionsAndFirstValues() {
    stubFor(post("/v1/embeddings").willReturn(json("embeddings.json")));

    Cli.Result result = run("embed", "hello", "world");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "0: 6 dims [0.125000, -0.250000, 0.500000, 0.062500, -0.031250, …]",
            "1: 6 dims [-0.500000, 0.250000, 0.125000, 0.000000, 1.000000, …]");
    verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small")))
            .withRequestBody(matchingJsonPath("$.input[1]", equalTo("world"))));
  }

  @Test
  void embedAsJsonPrintsOneObjectPerLine() {
    stubFor(post("/v1/embeddings").willReturn(json("embeddings.json")));

    Cli.Result result = run("embed", "--format", "json", "hello", "world");

    assertThat(result.out().lines())
        .containsExactly(
            "{\"index\":0,\"embedding\":[0.125,-0.25,0.5,0.0625,-0.03125,0.75]}",
            "{\"index\":1,\"embedding\":[-0.5,0.25,0.125,0.0,1.0,-0.0625]}");
  }

  @Test
  void moderatePrintsFlaggedCategoriesWithScores() {
    stubFor(post("/v1/moderations").willReturn(json("moderation.json")));

    Cli.Result result = run("moderate", "some", "text");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("flagged\n")
        .contains("harassment ", "0.8123", "violence ", "0.6034")
        .doesNotContain("hate");
    verify(
        postRequestedFor(urlEqualTo("/v1/moderations"))
            .withRequestBody(matchingJsonPath("$.input", equalTo("some text"))));
  }

  @Test
  void filesWorkWithoutAModel() throws IOException {
    Path file = dir.resolve("train.jsonl");
    Files.writeString(file, "{\"messages\": []}\n");
    stubFor(post("/v1/files").willReturn(json("file-uploaded.json")));
    stubFor(get(urlPathEqualTo("/v1/files")).willReturn(json("file-list.json")));
    stubFor(delete("/v1/files/file-cli1").willReturn(json("file-deleted.json")));

    Cli.Result upload = run("files", "upload", file.toString());
    Cli.Result list = run("files", "list");
    Cli.Result rm = run("files", "rm", "file-cli1");

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(upload.out()).isEqualTo("file-cli1\n");
    assertThat(list.out().lines())
        .containsExactly(
            "file-cli1\t240\tfine-tune\ttrain.jsonl", "file-cli2\t99\tbatch\tbatch.jsonl");
    assertThat(rm.out()).isEqualTo("deleted file-cli1\n");
    verify(deleteRequestedFor(urlEqualTo("/v1/files/file-cli1")));
  }

  @Test
  void filesContentWritesTheBytes() {
    stubFor(
        get("/v1/files/file-cli1/content").willReturn(aResponse().withBody("line 1\nline 2\n")));

    Cli.Result result = run("files", "content", "file-cli1");

    assertThat(result.out()).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void fineTuneCreateSendsTheRequestAndPrintsTheJobId() {
    stubFor(post("/v1/fine_tuning/jobs").willReturn(json("job.json")));

    Cli.Result result =
        run(
            "fine-tune",
            "create",
            "--training-file",
            "file-cli1",
            "--model",
            "gpt-4o-mini-2024-07-18",
            "--suffix",
            "cli",
            "--epochs",
            "3");

    assertThat(result.out()).isEqualTo("ftjob-cli1\n");
    verify(
        postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
            .withRequestBody(matchingJsonPath("$.training_file", equalTo("file-cli1")))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini-2024-07-18")))
            .withRequestBody(matchingJsonPath("$.suffix", equalTo("cli")))
            .withRequestBody(matchingJsonPath("$.method.type", equalTo("supervised")))
            .withRequestBody(
                matchingJsonPath("$.method.supervised.hyperparameters.n_epochs", equalTo("3")))
            // the deprecated top-level hyperparameters are not sent
            .withRequestBody(not(matchingJsonPath("$.hyperparameters"))));
  }

  @Test
  void fineTuneWaitFollowsTheJobAndPrintsTheModel() {
    stubFor(
        get("/v1/fine_tuning/jobs/ftjob-cli1")
            .inScenario("job")
            .whenScenarioStateIs(STARTED)
            .willReturn(json("job.json"))
            .willSetStateTo("done"));
    stubFor(
        get("/v1/fine_tuning/jobs/ftjob-cli1")
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(json("job-succeeded.json")));
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-cli1/events"))
            .willReturn(json("job-events.json")));

    Cli.Result result = run("fine-tune", "wait", "--poll", "PT0.02S", "ftjob-cli1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("ft:gpt-4o-mini-2024-07-18:org-test::cli1\n");
    assertThat(result.err())
        .contains("Fine-tuning job started", "status: running", "status: succeeded");
  }

  @Test
  void fineTuneWaitOnAFailedJobExitsWithOneErrorLine() {
    stubFor(get("/v1/fine_tuning/jobs/ftjob-cli1").willReturn(json("job-failed.json")));
    stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-cli1/events"))
            .willReturn(json("job-events.json")));

    Cli.Result result = run("fine-tune", "wait", "--poll", "PT0.02S", "ftjob-cli1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().filter(l -> l.startsWith("llmkit:")))
        .containsExactly(
            "llmkit: job ftjob-cli1 ended failed: invalid_training_file: The file"
                + " has too few examples.");
  }

  @Test
  void fineTuneValidateReportsIssuesWithoutAProvider() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}\n");

    Cli.Result result = Cli.run("fine-tune", "validate", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("line 1: ", "unknown_role").contains("1 examples (0 valid");
  }

  private Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--provider", "openai", "--base-url", baseUrl, "--api-key", "sk-test-9"));
    return Cli.run(all.toArray(String[]::new));
  }

  private static ResponseDefinitionBuilder json(String name) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(Cli.golden(name));
  }
}
