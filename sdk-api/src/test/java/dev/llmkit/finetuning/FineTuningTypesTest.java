package dev.llmkit.finetuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FineTuningTypesTest {

  private static CreateFineTuningJobRequest.Builder base() {
    return CreateFineTuningJobRequest.builder().model("gpt-4o-mini").trainingFile("file-abc");
  }

  @Test
  void terminalStatusesAreSucceededFailedAndCancelled() {
    assertThat(List.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED))
        .allMatch(JobStatus::isTerminal);
    assertThat(List.of(JobStatus.VALIDATING_FILES, JobStatus.QUEUED, JobStatus.RUNNING))
        .noneMatch(JobStatus::isTerminal);
  }

  @Test
  void unknownOpenEnumValuesAreKept() {
    JobStatus paused = JobStatus.of("paused");

    assertThat(paused.value()).isEqualTo("paused");
    assertThat(paused.isKnown()).isFalse();
    assertThat(paused.isTerminal()).isFalse();
    assertThat(EventLevel.of("debug").isKnown()).isFalse();
    assertThat(MethodType.of("dpo")).isSameAs(MethodType.DPO);
  }

  @Test
  void hyperparameterIsAutoOrANumber() {
    assertThat(HyperparameterValue.auto().isAuto()).isTrue();
    assertThat(HyperparameterValue.auto().toString()).isEqualTo("auto");
    assertThat(HyperparameterValue.of(4).isInteger()).isTrue();
    assertThat(HyperparameterValue.of(4).number()).hasValue(4L);
    assertThat(HyperparameterValue.of(0.5).isInteger()).isFalse();
    assertThat(HyperparameterValue.of(0.5).number()).hasValue(0.5);
    assertThatThrownBy(() -> HyperparameterValue.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonPositiveHyperparametersAreRejected() {
    assertThatThrownBy(() -> Hyperparameters.builder().nEpochs(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nEpochs is 0; it must be \"auto\" or a number above 0");
    assertThat(Hyperparameters.builder().batchSize(HyperparameterValue.auto()).build().batchSize())
        .hasValue(HyperparameterValue.auto());
  }

  @Test
  void createRequestNeedsModelAndTrainingFile() {
    assertThatThrownBy(() -> CreateFineTuningJobRequest.builder().model("m").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("trainingFile == null");
  }

  @Test
  void createRequestCarriesMethodHyperparametersAndIntegrations() {
    CreateFineTuningJobRequest request =
        base()
            .validationFile("file-val")
            .suffix("custom")
            .seed(42L)
            .putMetadata("team", "search")
            .method(
                FineTuneMethod.dpo(
                    Hyperparameters.builder()
                        .beta(HyperparameterValue.of(0.1))
                        .nEpochs(HyperparameterValue.auto())
                        .build()))
            .addIntegration(FineTuningIntegration.builder().project("proj").addTag("t1").build())
            .build();

    assertThat(request.method())
        .satisfies(
            m -> {
              assertThat(m.type()).isEqualTo(MethodType.DPO);
              assertThat(m.hyperparameters().orElseThrow().beta())
                  .hasValue(HyperparameterValue.of(0.1));
            });
    assertThat(request.integrations())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).isEqualTo("wandb");
              assertThat(i.tags()).containsExactly("t1");
            });
    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
  }

  @Test
  void createRequestLimitsAreEnforced() {
    assertThatThrownBy(() -> base().suffix("x".repeat(65)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suffix has 65 characters; 1 to 64 are allowed");
    assertThatThrownBy(() -> base().seed(-1L).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seed is -1; it must be at least 0");
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i < 17; i++) {
      tooMany.put("k" + i, "v");
    }
    assertThatThrownBy(() -> base().metadata(tooMany).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadata has 17 entries; at most 16");
  }

  @Test
  void reinforcementMethodNeedsAGrader() {
    assertThatThrownBy(() -> FineTuneMethod.builder().type(MethodType.REINFORCEMENT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requires a grader");
    FineTuneMethod method =
        FineTuneMethod.reinforcement(Map.of("type", "string_check", "name", "exact"), null);
    assertThat(method.grader()).containsEntry("type", "string_check");
  }

  @Test
  void listLimitOutsideOneToHundredIsRejected() {
    assertThatThrownBy(() -> ListRequest.of(null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit is 0; allowed range is 1 to 100");
    assertThatThrownBy(() -> JobListRequest.builder().limit(101).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit is 101; allowed range is 1 to 100");
  }

  @Test
  void failedJobCarriesItsErrorAsData() {
    FineTuningJob job =
        FakeFineTuningService.job("ftjob-1", JobStatus.FAILED).toBuilder()
            .error(FineTuningJobError.of("invalid_file", "bad line 3", "training_file"))
            .extra(Map.of("future_field", true))
            .build();

    assertThat(job.isTerminal()).isTrue();
    assertThat(job.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.code()).isEqualTo("invalid_file");
              assertThat(e.param()).hasValue("training_file");
            });
    assertThat(job.fineTunedModel()).isEmpty();
    assertThat(job.extra()).containsEntry("future_field", true);
  }

  @Test
  void listAllAsyncPagesJobsWithoutLastIdUsingTheLastJobsId() {
    FakeFineTuningService service = new FakeFineTuningService();
    for (int i = 0; i < 5; i++) {
      service.create(base().build());
    }

    List<String> ids =
        service
            .listAllAsync(JobListRequest.builder().limit(2).build())
            .map(FineTuningJob::id)
            .toList()
            .blockingGet();

    assertThat(ids).containsExactly("ftjob-1", "ftjob-2", "ftjob-3", "ftjob-4", "ftjob-5");
  }

  @Test
  void blockingListAllIteratesEveryJobAndEventAcrossPages() {
    FakeFineTuningService service =
        new FakeFineTuningService(FakeFineTuningService.Step.of(JobStatus.RUNNING, "a", "b", "c"));
    for (int i = 0; i < 3; i++) {
      service.create(base().build());
    }
    service.retrieve("ftjob-1");

    List<String> ids = new java.util.ArrayList<>();
    service.listAll(JobListRequest.builder().limit(2).build()).forEach(job -> ids.add(job.id()));
    List<String> messages = new java.util.ArrayList<>();
    service
        .listAllEvents("ftjob-1", ListRequest.of(null, 1))
        .forEach(event -> messages.add(event.message()));

    assertThat(ids).containsExactly("ftjob-1", "ftjob-2", "ftjob-3");
    assertThat(messages).containsExactly("c", "b", "a");
  }
}
