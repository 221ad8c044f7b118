package dev.llmkit.finetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.finetuning.FakeFineTuningService.Step;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AwaitCompletionTest {
  private final TestScheduler scheduler = new TestScheduler();
  private final AwaitOptions options =
      AwaitOptions.builder()
          .initialInterval(Duration.ofSeconds(1))
          .maxInterval(Duration.ofSeconds(5))
          .multiplier(2)
          .timeout(Duration.ofMinutes(10))
          .scheduler(scheduler)
          .build();

  private static String describe(JobUpdate update) {
    return update.isJob()
        ? "job:" + update.job().orElseThrow().status().value()
        : "event:" + update.event().orElseThrow().message();
  }

  private void advanceTo(long millis) {
    scheduler.advanceTimeTo(millis, TimeUnit.MILLISECONDS);
  }

  @Test
  void emitsTheJobOnlyWhenItsStatusChangesAndCompletesWhenTerminal() {
    FakeFineTuningService service =
        new FakeFineTuningService(
            Step.of(JobStatus.QUEUED),
            Step.of(JobStatus.QUEUED),
            Step.of(JobStatus.RUNNING),
            Step.of(JobStatus.RUNNING),
            Step.of(JobStatus.SUCCEEDED));

    TestSubscriber<String> updates =
        service.awaitCompletionAsync("ftjob-1", options).map(AwaitCompletionTest::describe).test();
    advanceTo(60_000);

    updates.assertValues("job:queued", "job:running", "job:succeeded").assertComplete();
    assertThat(service.retrieveCalls).hasValue(5);
  }

  @Test
  void pollsWithExponentialBackoffCappedAtTheMaximum() {
    FakeFineTuningService service = new FakeFineTuningService(Step.of(JobStatus.RUNNING));
    service.awaitCompletionAsync("ftjob-1", options).test();

    scheduler.triggerActions();
    int afterFirst = service.retrieveCalls.get();
    advanceTo(999);
    int before1s = service.retrieveCalls.get();
    advanceTo(1_000);
    int at1s = service.retrieveCalls.get();
    advanceTo(2_999);
    int before3s = service.retrieveCalls.get();
    advanceTo(3_000);
    int at3s = service.retrieveCalls.get();
    advanceTo(7_000);
    int at7s = service.retrieveCalls.get();
    advanceTo(12_000);
    int at12s = service.retrieveCalls.get();
    advanceTo(17_000);
    int at17s = service.retrieveCalls.get();

    assertThat(List.of(afterFirst, before1s, at1s, before3s, at3s, at7s, at12s, at17s))
        .containsExactly(1, 1, 2, 2, 3, 4, 5, 6);
  }

  @Test
  void emitsEachEventOnceOldestFirstBeforeTheJobSnapshot() {
    FakeFineTuningService service =
        new FakeFineTuningService(
            Step.of(JobStatus.QUEUED, "created"),
            Step.of(JobStatus.RUNNING, "step 1", "step 2", "step 3"),
            Step.of(JobStatus.RUNNING),
            Step.of(JobStatus.SUCCEEDED, "done"));
    AwaitOptions onePerPage = options.toBuilder().eventPageSize(1).build();

    TestSubscriber<String> updates =
        service
            .awaitCompletionAsync("ftjob-1", onePerPage)
            .map(AwaitCompletionTest::describe)
            .test();
    advanceTo(60_000);

    updates
        .assertValues(
            "event:created",
            "job:queued",
            "event:step 1",
            "event:step 2",
            "event:step 3",
            "job:running",
            "event:done",
            "job:succeeded")
        .assertComplete();
  }

  @Test
  void failsWithATimeoutCarryingTheLastSnapshot() {
    FakeFineTuningService service = new FakeFineTuningService(Step.of(JobStatus.RUNNING));
    AwaitOptions shortTimeout = options.toBuilder().timeout(Duration.ofSeconds(10)).build();

    AtomicReference<Throwable> failure = new AtomicReference<>();
    TestSubscriber<JobUpdate> updates =
        service.awaitCompletionAsync("ftjob-7", shortTimeout).doOnError(failure::set).test();
    advanceTo(9_999);
    updates.assertNotComplete().assertNoErrors();
    advanceTo(10_000);
    int callsAtTimeout = service.retrieveCalls.get();
    advanceTo(120_000);

    updates.assertValueCount(1).assertError(FineTuningTimeoutException.class);
    FineTuningTimeoutException error = (FineTuningTimeoutException) failure.get();
    assertThat(error.jobId()).isEqualTo("ftjob-7");
    assertThat(error.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(error.lastJob())
        .hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.RUNNING));
    assertThat(error.getMessage()).contains("ftjob-7", "PT10S", "running");
    assertThat(service.retrieveCalls.get()).isEqualTo(callsAtTimeout);
  }

  @Test
  void retryableFailureOfAPollIsSkipped() {
    FakeFineTuningService service =
        new FakeFineTuningService(
            Step.failing(new LlmIoException("fake", "connection reset", null)),
            Step.of(JobStatus.SUCCEEDED));

    TestSubscriber<String> updates =
        service.awaitCompletionAsync("ftjob-1", options).map(AwaitCompletionTest::describe).test();
    advanceTo(1_000);

    updates.assertValues("job:succeeded").assertComplete();
    assertThat(service.retrieveCalls).hasValue(2);
  }

  @Test
  void nonRetryableFailureEndsTheStream() {
    LlmException notFound = new LlmException("fake", "no such job");
    FakeFineTuningService service = new FakeFineTuningService(Step.failing(notFound));

    TestSubscriber<JobUpdate> updates = service.awaitCompletionAsync("ftjob-x", options).test();
    advanceTo(60_000);

    updates.assertNoValues().assertError(notFound);
    assertThat(service.retrieveCalls).hasValue(1);
  }

  @Test
  void alreadyTerminalJobCompletesAfterOnePoll() {
    FakeFineTuningService service = new FakeFineTuningService(Step.of(JobStatus.FAILED));

    TestSubscriber<String> updates =
        service.awaitCompletionAsync("ftjob-1", options).map(AwaitCompletionTest::describe).test();
    scheduler.triggerActions();

    updates.assertValues("job:failed").assertComplete();
  }

  @Test
  void blockingVariantReturnsTheFinalJob() {
    FakeFineTuningService service = new FakeFineTuningService(Step.of(JobStatus.CANCELLED));

    FineTuningJob job = service.awaitCompletion("ftjob-3", Duration.ofSeconds(5));

    assertThat(job.id()).isEqualTo("ftjob-3");
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void blockingVariantThrowsTheTimeoutError() {
    FakeFineTuningService service = new FakeFineTuningService(Step.of(JobStatus.RUNNING));

    assertThatThrownBy(() -> service.awaitCompletion("ftjob-4", Duration.ofMillis(200)))
        .isInstanceOf(FineTuningTimeoutException.class)
        .hasMessageContaining("ftjob-4");
  }

  @Test
  void timeoutDuringABlockedPollReportsNoUndeliverableError() throws InterruptedException {
    List<Throwable> undeliverable = new CopyOnWriteArrayList<>();
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    CountDownLatch pollEnded = new CountDownLatch(1);
    FakeFineTuningService hanging =
        new FakeFineTuningService(Step.of(JobStatus.RUNNING)) {
          @Override
          public FineTuningJob retrieve(String jobId) {
            try {
              Thread.sleep(10_000); // a poll that hangs
              return super.retrieve(jobId);
            } catch (InterruptedException e) {
              throw new LlmException("fake", "call interrupted", e);
            } finally {
              pollEnded.countDown();
            }
          }
        };
    try {
      assertThatThrownBy(() -> hanging.awaitCompletion("ftjob-9", Duration.ofMillis(100)))
          .isInstanceOf(FineTuningTimeoutException.class);
      assertThat(pollEnded.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // no late error may follow: nothing to wait for

      assertThat(undeliverable).isEmpty();
    } finally {
      RxJavaPlugins.reset();
    }
  }

  @Test
  void badOptionsAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> AwaitOptions.builder().multiplier(0.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplier is 0.5");
    assertThatThrownBy(() -> AwaitOptions.builder().initialInterval(Duration.ofMinutes(5)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInterval");
    assertThatThrownBy(() -> AwaitOptions.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout is PT0S; it must be positive");
  }
}
