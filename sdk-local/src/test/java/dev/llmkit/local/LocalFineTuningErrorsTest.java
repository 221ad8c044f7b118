package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.LlmIoException;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.ListRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, cancel and restart of local fine-tuning jobs, through the public API. */
class LocalFineTuningErrorsTest {
  @TempDir Path dataDir;

  private String upload(LlmClient llm, String content) throws Exception {
    Path file = Files.createTempFile(dataDir, "data", ".jsonl");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return llm.files().upload(FileUpload.of(file, FilePurpose.FINE_TUNE)).id();
  }

  private static CreateFineTuningJobRequest.Builder job(String fileId) {
    return CreateFineTuningJobRequest.builder()
        .model("stories260K")
        .trainingFile(fileId)
        .seed(1L)
        .putExtraBody("threads", 1);
  }

  private static InvalidRequestException invalid(Runnable r) {
    try {
      r.run();
    } catch (InvalidRequestException e) {
      return e;
    }
    throw new AssertionError("no InvalidRequestException");
  }

  @Test
  void malformedJsonlFailsTheJobWithLineNumbers() throws Exception {
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id =
          upload(
              llm,
              "{\"prompt\": \"a\", \"completion\": \" b\"}\n{not json\n"
                  + "{\"prompt\": \"a\", \"completion\": \" b\"}\n{\"messages\": []}\n");
      FineTuningJob job =
          LocalFineTuningTest.await(
              llm, llm.fineTuning().create(job(id).build()).id(), Duration.ofSeconds(60));

      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.error())
          .hasValueSatisfying(
              e -> {
                assertThat(e.code()).isEqualTo("invalid_training_file");
                assertThat(e.param()).contains("training_file");
                assertThat(e.message())
                    .contains("2 invalid lines")
                    .contains("line 2: not a JSON object")
                    .contains("line 4: \"messages\" must be a non-empty array");
              });
    }
  }

  @Test
  void badRequestsAreRejectedWithTheirParameter() throws Exception {
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      assertThat(invalid(() -> llm.fineTuning().create(job(id).model("gpt-9").build())).param())
          .contains("model");
      assertThat(invalid(() -> llm.fineTuning().create(job("file-nope").build())).param())
          .contains("training_file");
      assertThat(
              invalid(() -> llm.fineTuning().create(job(id).putExtraBody("lora_rank", 0).build()))
                  .getMessage())
          .contains("lora_rank is 0.0");
      assertThat(
              invalid(
                      () ->
                          llm.fineTuning()
                              .create(
                                  job(id)
                                      .putExtraBody("target_modules", List.of("q", "mlp"))
                                      .build()))
                  .param())
          .contains("target_modules");
      assertThat(invalid(() -> llm.fineTuning().create(job(id).suffix("a:b").build())).param())
          .contains("suffix");
      assertThat(
              invalid(
                      () ->
                          llm.fineTuning()
                              .create(
                                  job(id)
                                      .method(FineTuneMethod.dpo(Hyperparameters.builder().build()))
                                      .build()))
                  .param())
          .contains("method.type");
      assertThat(
              invalid(
                      () ->
                          llm.fineTuning()
                              .create(job(id).putExtraBody("lr_scheduler", "step").build()))
                  .param())
          .contains("lr_scheduler");
    }
  }

  @Test
  void aJobOverTheMemoryLimitIsRefusedBeforeItStarts() throws Exception {
    try (LlmClient llm =
        Llm.client(
            Map.of(
                "llmkit.provider",
                "local",
                "llmkit.local.model",
                LocalFineTuningTest.stories().toString(),
                "llmkit.local.data-dir",
                dataDir.toString(),
                "llmkit.local.threads",
                "1",
                "llmkit.local.fine-tuning-memory-limit",
                "1MB"))) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      InvalidRequestException e =
          invalid(
              () -> llm.fineTuning().create(job(id).putExtraBody("context_length", 2048).build()));
      assertThat(e.param()).contains("context_length");
      assertThat(e.getMessage()).contains("MiB").contains("fine-tuning memory limit is 1 MiB");
      assertThat(llm.fineTuning().list(null, 10).data()).isEmpty();
    }
  }

  @Test
  void fineTuningOptionsOfTheBuilderAndKeysApply() throws Exception {
    try (LocalClient llm =
        LocalClient.builder()
            .model(LocalFineTuningTest.stories())
            .dataDir(dataDir)
            .threads(1)
            .fineTuningOptions(
                LocalFineTuningOptions.builder()
                    .maxConcurrentJobs(2)
                    .threads(3)
                    .memoryLimit(1 << 20)
                    .build())
            .build()) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      assertThat(
              invalid(
                      () ->
                          llm.fineTuning()
                              .create(job(id).putExtraBody("context_length", 2048).build()))
                  .getMessage())
          .contains("fine-tuning memory limit is 1 MiB");
    }
    try (LlmClient llm =
        Llm.client(
            Map.of(
                "llmkit.provider",
                "local",
                "llmkit.local.model",
                LocalFineTuningTest.stories().toString(),
                "llmkit.local.data-dir",
                dataDir.toString(),
                "llmkit.local.threads",
                "1",
                "llmkit.local.fine-tuning-threads",
                "2"))) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      FineTuningJob job =
          llm.fineTuning()
              .create(
                  CreateFineTuningJobRequest.builder()
                      .model("stories260K")
                      .trainingFile(id)
                      .putExtraBody("context_length", 16)
                      .build());
      assertThat(((Map<?, ?>) job.extra().get("local_settings")).get("threads")).isEqualTo(2L);
      llm.fineTuning().cancel(job.id());
    }
    assertThatThrownBy(
            () ->
                Llm.client(
                    Map.of(
                        "llmkit.provider",
                        "local",
                        "llmkit.local.model",
                        LocalFineTuningTest.stories().toString(),
                        "llmkit.local.fine-tuning-concurrency",
                        "0")))
        .hasMessageContaining("llmkit.local.fine-tuning-concurrency is '0'");
    assertThatThrownBy(() -> LocalFineTuningOptions.builder().threads(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads is -1");
  }

  @Test
  void tooManyExamplesFailTheJob() throws Exception {
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      FineTuningJob job =
          LocalFineTuningTest.await(
              llm,
              llm.fineTuning().create(job(id).putExtraBody("max_examples", 10).build()).id(),
              Duration.ofSeconds(60));
      assertThat(job.error())
          .hasValueSatisfying(
              e -> assertThat(e.message()).contains("line 11: more than 10 examples"));
    }
  }

  @Test
  void anUnwritableAdapterDirectoryIsAClearError() throws Exception {
    Files.writeString(dataDir.resolve("fine_tuning"), "not a directory");
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      assertThatThrownBy(() -> llm.fineTuning().create(job(id).build()))
          .isInstanceOf(LlmIoException.class)
          .hasMessageContaining("cannot write fine-tuning data")
          .hasMessageContaining("data-dir");
    }
  }

  @Test
  void cancelStopsTrainingAndKeepsTheJobCancelled() throws Exception {
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      String jobId =
          llm.fineTuning()
              .create(
                  job(id)
                      .method(
                          FineTuneMethod.supervised(
                              Hyperparameters.builder().nEpochs(1000).batchSize(1).build()))
                      .putExtraBody("eval_interval", 1)
                      .build())
              .id();
      awaitEvent(llm, jobId, "Step 1/");
      FineTuningJob cancelled = llm.fineTuning().cancel(jobId);
      assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
      Thread.sleep(500); // training must not go on: nothing to wait for
      long events =
          llm.fineTuning()
              .listAllEventsAsync(jobId, ListRequest.of(null, 100))
              .count()
              .blockingGet();
      Thread.sleep(1000); // no event may follow the cancel
      assertThat(
              llm.fineTuning()
                  .listAllEventsAsync(jobId, ListRequest.of(null, 100))
                  .count()
                  .blockingGet())
          .isEqualTo(events);
      assertThat(llm.fineTuning().listEvents(jobId, ListRequest.of(null, 1)).data())
          .as("the newest event: no step or checkpoint may be recorded after the cancel")
          .extracting(FineTuningJobEvent::message)
          .containsExactly("Fine-tuning job cancelled");
      assertThat(llm.fineTuning().retrieve(jobId).status()).isEqualTo(JobStatus.CANCELLED);
      assertThatThrownBy(() -> llm.fineTuning().cancel(jobId))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("already cancelled");
    }
  }

  @Test
  void aJobInterruptedByCloseResumesFromItsCheckpointInTheNextClient() throws Exception {
    String jobId;
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      String id = upload(llm, LocalFineTuningTest.jsonl());
      jobId =
          llm.fineTuning()
              .create(
                  job(id)
                      .validationFile(id)
                      .method(
                          FineTuneMethod.supervised(
                              Hyperparameters.builder()
                                  .nEpochs(3)
                                  .batchSize(8)
                                  .learningRateMultiplier(10)
                                  .build()))
                      .build())
              .id();
      awaitEvent(llm, jobId, "Checkpoint created at step 3 ");
    }
    try (LocalClient later = LocalFineTuningTest.client(dataDir)) {
      FineTuningJob job = LocalFineTuningTest.await(later, jobId, Duration.ofSeconds(60));
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      List<String> messages =
          later
              .fineTuning()
              .listAllEventsAsync(jobId, ListRequest.of(null, 100))
              .map(FineTuningJobEvent::message)
              .toList()
              .blockingGet();
      assertThat(messages)
          .anyMatch(m -> m.startsWith("The job was interrupted"))
          .anyMatch(m -> m.startsWith("Fine-tuning job resumed at step"));
      assertThat(messages)
          .anyMatch(
              m -> m.startsWith("Step 9/9: training loss=") && m.contains(", validation loss="));
      assertThat(later.fineTuning().listCheckpoints(jobId, null, 100).data())
          .hasSize(3)
          .allSatisfy(
              c ->
                  assertThat(c.metrics())
                      .containsKeys("train_loss", "valid_loss", "full_valid_loss"));
      assertThat(later.models().list())
          .anyMatch(
              m ->
                  m.id().equals(job.fineTunedModel().orElseThrow())
                      && Map.of("base_model", "stories260K").entrySet().stream()
                          .allMatch(e -> e.getValue().equals(m.extra().get(e.getKey()))));
    }
  }

  private static void awaitEvent(LocalClient llm, String jobId, String prefix) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (llm.fineTuning()
          .listAllEventsAsync(jobId, ListRequest.of(null, 100))
          .any(e -> e.message().startsWith(prefix))
          .blockingGet()) {
        return;
      }
      Thread.sleep(20); // the poll interval of awaitEvent
    }
    throw new AssertionError("no event starting with " + prefix);
  }
}
