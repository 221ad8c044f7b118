package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.llmkit.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several clients on one data directory, and job files damaged on disk. */
class LocalFineTuningSharedDirTest {
  @TempDir Path dataDir;

  @Test
  void twoClientsOnOneDataDirectoryRunAJobOnceAndShareItsState() throws Exception {
    try (LocalClient a = LocalFineTuningTest.client(dataDir)) {
      Path data = Files.writeString(dataDir.resolve("train.jsonl"), LocalFineTuningTest.jsonl());
      String fileId = a.files().upload(FileUpload.of(data, FilePurpose.FINE_TUNE)).id();
      String jobId =
          a.fineTuning()
              .create(
                  CreateFineTuningJobRequest.builder()
                      .model("stories260K")
                      .trainingFile(fileId)
                      .seed(3L)
                      .putExtraBody("threads", 1)
                      .putExtraBody("eval_interval", 1)
                      .method(
                          FineTuneMethod.supervised(
                              Hyperparameters.builder().nEpochs(1000).batchSize(1).build()))
                      .build())
              .id();
      awaitStep(a, jobId);
      try (LocalClient b = LocalFineTuningTest.client(dataDir)) {
        // b finds the job unfinished but a runs it: b must not start it again
        Thread.sleep(300);
        FineTuningJob seen = b.fineTuning().retrieve(jobId);
        assertThat(seen.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(b.fineTuning().list(null, 10).data())
            .extracting(FineTuningJob::id)
            .containsExactly(jobId);
        long before = steps(b, jobId);
        Await.until(
            "b to see a's progress", Duration.ofSeconds(30), () -> steps(b, jobId) > before);

        assertThat(b.fineTuning().cancel(jobId).status()).isEqualTo(JobStatus.CANCELLED);
        FineTuningJob ended = LocalFineTuningTest.await(a, jobId, Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
        long events = events(a, jobId).size();
        Thread.sleep(500); // no event may follow: nothing to wait for
        List<String> messages = events(b, jobId);
        assertThat(messages).as("a stopped training").hasSize((int) events);
        assertThat(messages.get(0)).as("the newest event").isEqualTo("Fine-tuning job cancelled");
        assertThat(messages).filteredOn(m -> m.equals("Fine-tuning job started")).hasSize(1);
        assertThat(messages).noneMatch(m -> m.startsWith("The job was interrupted"));
        assertThat(a.fineTuning().retrieve(jobId).status()).isEqualTo(JobStatus.CANCELLED);
      }
    }
  }

  @Test
  void aCorruptJobFileIsNamedWhenTheJobIsRead() throws Exception {
    Path bad = Files.createDirectories(dataDir.resolve("fine_tuning/ftjob-bad1"));
    Files.writeString(
        bad.resolve("job.json"),
        "{\"id\": \"ftjob-bad1\", \"model\": \"m\","
            + " \"base_file\": \"/x.gguf\", \"training_file\": \"file-1\", \"status\": 7}");
    Path cut = Files.createDirectories(dataDir.resolve("fine_tuning/ftjob-cut1"));
    Files.writeString(cut.resolve("job.json"), "{\"id\": \"ftjob-cut1\", \"mod");
    try (LocalClient llm = LocalFineTuningTest.client(dataDir)) {
      assertThat(llm.fineTuning().list(null, 10).data()).isEmpty();
      assertThatThrownBy(() -> llm.fineTuning().retrieve("ftjob-bad1"))
          .isInstanceOf(LlmIoException.class)
          .hasMessageContaining("ftjob-bad1")
          .hasMessageContaining("is corrupt")
          .hasMessageContaining("\"status\" must be a string");
      assertThatThrownBy(() -> llm.fineTuning().listEvents("ftjob-cut1", null))
          .isInstanceOf(LlmIoException.class)
          .hasMessageContaining("ftjob-cut1")
          .hasMessageContaining("is corrupt");
      assertThatThrownBy(() -> llm.fineTuning().cancel("ftjob-cut1"))
          .isInstanceOf(LlmIoException.class)
          .hasMessageContaining("is corrupt");
    }
  }

  private static void awaitStep(LocalClient llm, String jobId) {
    Await.until("a step event", Duration.ofSeconds(60), () -> steps(llm, jobId) > 0);
  }

  private static long steps(LocalClient llm, String jobId) {
    return events(llm, jobId).stream().filter(m -> m.startsWith("Step ")).count();
  }

  private static List<String> events(LocalClient llm, String jobId) {
    return llm.fineTuning()
        .listAllEventsAsync(jobId, ListRequest.of(null, 100))
        .map(FineTuningJobEvent::message)
        .toList()
        .blockingGet();
  }
}
