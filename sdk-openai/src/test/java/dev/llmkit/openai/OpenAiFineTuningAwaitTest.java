package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.finetuning.FineTuningTimeoutException;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitCompletionAsync} against a job that moves queued → running → succeeded across polls.
 */
@WireMockTest
class OpenAiFineTuningAwaitTest {
  private static final String JOB = "/v1/fine_tuning/jobs/ftjob-abc123";
  private static final AwaitOptions FAST =
      AwaitOptions.builder()
          .initialInterval(Duration.ofMillis(10))
          .maxInterval(Duration.ofMillis(40))
          .timeout(Duration.ofSeconds(30))
          .scheduler(Schedulers.io())
          .build();

  private FineTuningService fineTuning;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    fineTuning = CapabilityClients.fineTuning(wm.getHttpBaseUrl());
  }

  private static void step(String scenario, String path, String state, String next, String golden) {
    stubFor(
        get(urlPathEqualTo(path))
            .inScenario(scenario)
            .whenScenarioStateIs(state)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/fine-tuning/" + golden)))
            .willSetStateTo(next));
  }

  /** Three polls: the job advances one status and one event per poll. */
  static void stubJobProgress() {
    step("job", JOB, STARTED, "running", "job-queued.json");
    step("job", JOB, "running", "done", "job-running.json");
    step("job", JOB, "done", "done", "job-succeeded.json");
    step("events", JOB + "/events", STARTED, "two", "await-events-1.json");
    step("events", JOB + "/events", "two", "three", "await-events-2.json");
    step("events", JOB + "/events", "three", "three", "await-events-3.json");
  }

  private static String describe(JobUpdate u) {
    return u.isJob()
        ? "job:" + u.job().orElseThrow().status().value()
        : "event:" + u.event().orElseThrow().message();
  }

  @Test
  void emitsNewEventsAndStatusChangesThenCompletesOnSuccess() {
    stubJobProgress();

    List<String> updates =
        fineTuning
            .awaitCompletionAsync("ftjob-abc123", FAST)
            .map(OpenAiFineTuningAwaitTest::describe)
            .test()
            .awaitDone(30, TimeUnit.SECONDS)
            .assertComplete()
            .values();

    assertThat(updates)
        .containsExactly(
            "event:Validating training file", "job:queued",
            "event:Fine-tuning job started", "job:running",
            "event:The job has successfully completed", "job:succeeded");
  }

  @Test
  void theLastUpdateIsTheFinalJobWithItsFineTunedModel() {
    stubJobProgress();

    JobUpdate last = fineTuning.awaitCompletionAsync("ftjob-abc123", FAST).blockingLast();

    FineTuningJob job = last.job().orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.fineTunedModel())
        .contains("ft:gpt-4o-mini-2024-07-18:org-123:support-bot:9ABel2dg");
  }

  @Test
  void blockingVariantReturnsAnAlreadyFinishedJobAtOnce() {
    step("job", JOB, STARTED, STARTED, "job-succeeded.json");
    step("events", JOB + "/events", STARTED, STARTED, "await-events-3.json");

    FineTuningJob job = fineTuning.awaitCompletion("ftjob-abc123", Duration.ofSeconds(30));

    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aJobThatNeverFinishesTimesOutWithTheLastSnapshot() {
    step("job", JOB, STARTED, STARTED, "job-running.json");
    step("events", JOB + "/events", STARTED, STARTED, "await-events-2.json");
    AwaitOptions shortWait = FAST.toBuilder().timeout(Duration.ofMillis(500)).build();

    assertThatThrownBy(
            () -> fineTuning.awaitCompletionAsync("ftjob-abc123", shortWait).blockingLast())
        .isInstanceOf(FineTuningTimeoutException.class)
        .satisfies(
            e ->
                assertThat(((FineTuningTimeoutException) e).lastJob())
                    .hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.RUNNING)));
  }
}
