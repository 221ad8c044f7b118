package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.chat.ReasoningEffort;
import dev.llmkit.common.Page;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.EventLevel;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningIntegration;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.finetuning.HyperparameterValue;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.finetuning.MethodType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiFineTuningServiceTest {
  private FineTuningService fineTuning;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    fineTuning = CapabilityClients.fineTuning(wm.getHttpBaseUrl());
  }

  private static String golden(String name) {
    return Golden.read("openai/fine-tuning/" + name);
  }

  private static void answer(
      com.github.tomakehurst.wiremock.client.MappingBuilder request, String golden) {
    stubFor(
        request.willReturn(
            aResponse().withHeader("Content-Type", "application/json").withBody(golden(golden))));
  }

  @Test
  void createSendsEveryOptionWithTheDpoMethod() {
    answer(post("/v1/fine_tuning/jobs"), "job-validating.json");
    CreateFineTuningJobRequest request =
        CreateFineTuningJobRequest.builder()
            .model("gpt-4o-mini-2024-07-18")
            .trainingFile("file-train")
            .validationFile("file-valid")
            .suffix("support-bot")
            .seed(42L)
            .putMetadata("team", "support")
            .method(
                FineTuneMethod.dpo(
                    Hyperparameters.builder()
                        .nEpochs(3)
                        .batchSize(HyperparameterValue.auto())
                        .learningRateMultiplier(0.5)
                        .beta(HyperparameterValue.auto())
                        .build()))
            .addIntegration(
                FineTuningIntegration.builder()
                    .type("wandb")
                    .project("ft-runs")
                    .name("dpo-1")
                    .tags(List.of("dpo", "v1"))
                    .build())
            .build();

    FineTuningJob job = fineTuning.create(request);

    verify(
        postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
            .withRequestBody(equalToJson(golden("request-create-dpo.json"))));
    assertThat(job.id()).isEqualTo("ftjob-abc123");
    assertThat(job.status()).isEqualTo(JobStatus.VALIDATING_FILES);
    assertThat(job.isTerminal()).isFalse();
    assertThat(job.method())
        .hasValueSatisfying(
            m -> {
              assertThat(m.type()).isEqualTo(MethodType.DPO);
              assertThat(m.hyperparameters().orElseThrow().beta())
                  .contains(HyperparameterValue.auto());
              assertThat(m.hyperparameters().orElseThrow().nEpochs())
                  .contains(HyperparameterValue.of(3L));
            });
    assertThat(job.integrations())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.project()).contains("ft-runs");
              assertThat(i.tags()).containsExactly("dpo", "v1");
              assertThat(i.extra()).containsEntry("wandb", Map.of("run_id", "run-7"));
            });
    assertThat(job.metadata()).containsEntry("team", "support");
    assertThat(job.extra()).containsKeys("user_provided_suffix", "usage_metrics");
  }

  @Test
  void createSendsLegacyHyperparametersAsNumbersOrAuto() {
    answer(post("/v1/fine_tuning/jobs"), "job-validating.json");

    fineTuning.create(
        CreateFineTuningJobRequest.builder()
            .model("gpt-4o-mini-2024-07-18")
            .trainingFile("file-train")
            .hyperparameters(
                Hyperparameters.builder()
                    .nEpochs(HyperparameterValue.auto())
                    .batchSize(8)
                    .learningRateMultiplier(1.5)
                    .build())
            .build());

    verify(
        postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
            .withRequestBody(equalToJson(golden("request-create-legacy.json"))));
  }

  @Test
  void retrieveMapsTheWholeJobObject() {
    answer(get("/v1/fine_tuning/jobs/ftjob-abc123"), "job-succeeded.json");

    FineTuningJob job = fineTuning.retrieve("ftjob-abc123");

    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.isTerminal()).isTrue();
    assertThat(job.fineTunedModel())
        .contains("ft:gpt-4o-mini-2024-07-18:org-123:support-bot:9ABel2dg");
    assertThat(job.trainedTokens()).contains(5768L);
    assertThat(job.resultFiles()).containsExactly("file-results");
    assertThat(job.createdAt()).isEqualTo(Instant.ofEpochSecond(1721764800));
    assertThat(job.finishedAt()).contains(Instant.ofEpochSecond(1721768400));
    assertThat(job.estimatedFinish()).contains(Instant.ofEpochSecond(1721768300));
    assertThat(job.organizationId()).contains("org-123");
    assertThat(job.seed()).contains(0L);
    assertThat(job.validationFile()).isEmpty();
    assertThat(job.error()).isEmpty();
    assertThat(job.hyperparameters())
        .hasValueSatisfying(
            h -> {
              assertThat(h.nEpochs()).contains(HyperparameterValue.of(4L));
              assertThat(h.batchSize()).contains(HyperparameterValue.of(1L));
              assertThat(h.learningRateMultiplier()).contains(HyperparameterValue.of(1.8));
            });
    assertThat(job.method().orElseThrow().type()).isEqualTo(MethodType.SUPERVISED);
  }

  @Test
  void aFailedJobsErrorObjectIsDataNotAnException() {
    answer(get("/v1/fine_tuning/jobs/ftjob-failed"), "job-failed.json");

    FineTuningJob job = fineTuning.retrieve("ftjob-failed");

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.code()).isEqualTo("invalid_training_file");
              assertThat(e.message()).contains("invalid training file");
              assertThat(e.param()).contains("training_file");
            });
    assertThat(job.hyperparameters().orElseThrow().learningRateMultiplier())
        .contains(HyperparameterValue.auto());
    assertThat(job.integrations()).isEmpty();
  }

  @Test
  void unknownStatusAndMethodAreKeptAndAnEmptyErrorIsNoError() {
    answer(get("/v1/fine_tuning/jobs/ftjob-new"), "job-unknown-status.json");

    FineTuningJob job = fineTuning.retrieve("ftjob-new");

    assertThat(job.status().value()).isEqualTo("paused_for_review");
    assertThat(job.status().isKnown()).isFalse();
    assertThat(job.isTerminal()).isFalse();
    assertThat(job.error()).isEmpty();
    FineTuneMethod method = job.method().orElseThrow();
    assertThat(method.type()).isEqualTo(MethodType.REINFORCEMENT);
    assertThat(method.grader()).containsEntry("type", "string_check");
    assertThat(method.hyperparameters().orElseThrow().reasoningEffort())
        .contains(ReasoningEffort.LOW);
    assertThat(method.hyperparameters().orElseThrow().computeMultiplier())
        .contains(HyperparameterValue.of(2.0));
  }

  @Test
  void listSendsCursorLimitAndMetadataFilter() {
    answer(get(urlPathEqualTo("/v1/fine_tuning/jobs")), "jobs-page-1.json");

    Page<FineTuningJob> page =
        fineTuning.list(
            JobListRequest.builder()
                .after("ftjob-9")
                .limit(2)
                .putMetadata("team", "support")
                .build());

    verify(
        getRequestedFor(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .withQueryParam("after", equalTo("ftjob-9"))
            .withQueryParam("limit", equalTo("2"))
            .withQueryParam("metadata[team]", equalTo("support")));
    assertThat(page.data()).extracting(FineTuningJob::id).containsExactly("ftjob-3", "ftjob-2");
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void listAllAsyncPagesWithTheLastJobIdAsCursor() {
    answer(
        get(urlPathEqualTo("/v1/fine_tuning/jobs")).withQueryParam("after", absent()),
        "jobs-page-1.json");
    answer(
        get(urlPathEqualTo("/v1/fine_tuning/jobs")).withQueryParam("after", equalTo("ftjob-2")),
        "jobs-page-2.json");

    List<FineTuningJob> all =
        fineTuning.listAllAsync(JobListRequest.defaults()).toList().blockingGet();

    assertThat(all).extracting(FineTuningJob::id).containsExactly("ftjob-3", "ftjob-2", "ftjob-1");
    assertThat(all.get(2).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void cancelPostsToTheCancelEndpoint() {
    answer(post("/v1/fine_tuning/jobs/ftjob-abc123/cancel"), "job-succeeded.json");

    FineTuningJob job = fineTuning.cancel("ftjob-abc123");

    verify(postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/ftjob-abc123/cancel")));
    assertThat(job.id()).isEqualTo("ftjob-abc123");
  }

  @Test
  void listEventsKeepsUnknownLevelsAndMetricData() {
    answer(get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-abc123/events")), "events.json");

    Page<FineTuningJobEvent> page = fineTuning.listEvents("ftjob-abc123", "ftevent-9", 3);

    verify(
        getRequestedFor(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-abc123/events"))
            .withQueryParam("after", equalTo("ftevent-9"))
            .withQueryParam("limit", equalTo("3")));
    assertThat(page.hasMore()).isTrue();
    FineTuningJobEvent metrics = page.data().get(0);
    assertThat(metrics.level().value()).isEqualTo("debug");
    assertThat(metrics.level().isKnown()).isFalse();
    assertThat(metrics.type()).contains("metrics");
    assertThat(metrics.data()).containsEntry("step", 10);
    assertThat(page.data().get(1).level()).isEqualTo(EventLevel.WARN);
    assertThat(page.data().get(2).type()).isEmpty();
    assertThat(page.data().get(2).extra()).containsEntry("future_field", "x");
  }

  @Test
  void listAllEventsAsyncPagesWithTheLastEventIdAsCursor() {
    String path = "/v1/fine_tuning/jobs/ftjob-abc123/events";
    answer(get(urlPathEqualTo(path)).withQueryParam("after", absent()), "events.json");
    answer(
        get(urlPathEqualTo(path)).withQueryParam("after", equalTo("ftevent-1")),
        "events-page-2.json");

    List<FineTuningJobEvent> all =
        fineTuning
            .listAllEventsAsync("ftjob-abc123", ListRequest.defaults())
            .toList()
            .blockingGet();

    assertThat(all)
        .extracting(FineTuningJobEvent::id)
        .containsExactly("ftevent-3", "ftevent-2", "ftevent-1", "ftevent-0");
  }

  @Test
  void listCheckpointsMapsMetricsAndSkipsNulls() {
    answer(
        get(urlPathEqualTo("/v1/fine_tuning/jobs/ftjob-abc123/checkpoints")), "checkpoints.json");

    Page<FineTuningCheckpoint> page =
        fineTuning.listCheckpoints("ftjob-abc123", ListRequest.defaults());

    FineTuningCheckpoint c = page.data().get(0);
    assertThat(c.stepNumber()).isEqualTo(88);
    assertThat(c.fineTuningJobId()).isEqualTo("ftjob-abc123");
    assertThat(c.fineTunedModelCheckpoint()).endsWith(":ckpt-step-88");
    assertThat(c.metric("train_loss")).hasValue(0.478);
    assertThat(c.metrics()).doesNotContainKey("valid_loss");
    assertThat(page.lastId()).contains("ftckpt-2");
  }

  @Test
  void rejectedCreateMapsToInvalidRequestException() {
    stubFor(
        post("/v1/fine_tuning/jobs")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(golden("error-400.json"))));

    assertThatThrownBy(
            () ->
                fineTuning.create(
                    CreateFineTuningJobRequest.builder()
                        .model("gpt-2000")
                        .trainingFile("file-train")
                        .build()))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e -> assertThat(((LlmApiException) e).errorCode()).contains("model_not_available"));
  }

  @Test
  void blankJobIdsAreRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> fineTuning.retrieve(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobId");
    assertThatThrownBy(() -> fineTuning.cancel(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("jobId");
  }
}
