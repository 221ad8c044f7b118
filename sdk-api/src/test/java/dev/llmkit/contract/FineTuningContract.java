package dev.llmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fine-tuning workflow every provider must run the same way: upload a JSONL file, create a job,
 * follow it with {@code awaitCompletionAsync} (events, then the succeeded job), and chat with the
 * fine-tuned model by its id. A provider's test subclasses this with a client on its (real or
 * simulated) backend; see {@code sdk-local} and {@code sdk-openai}.
 */
public abstract class FineTuningContract {
  /** A client with files, fine-tuning and chat; the contract closes it. */
  protected abstract LlmClient client();

  /** The base model of the job. */
  protected abstract String baseModel();

  /** The JSONL training data. */
  protected abstract byte[] trainingData();

  /** Provider settings added to the request (hyperparameters, extra body). */
  protected CreateFineTuningJobRequest.Builder customize(CreateFineTuningJobRequest.Builder b) {
    return b;
  }

  /** How the job is followed. */
  protected AwaitOptions awaitOptions() {
    return AwaitOptions.builder()
        .initialInterval(Duration.ofMillis(20))
        .maxInterval(Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  @Test
  void createdJobRunsToSuccessAndItsModelAnswersInChat() {
    try (LlmClient llm = client()) {
      StoredFile file =
          llm.files().upload(FileUpload.of(trainingData(), "train.jsonl", FilePurpose.FINE_TUNE));
      FineTuningJob created =
          llm.fineTuning()
              .create(
                  customize(
                          CreateFineTuningJobRequest.builder()
                              .model(baseModel())
                              .trainingFile(file.id())
                              .suffix("contract"))
                      .build());

      assertFalse(created.id().isBlank(), "job id");
      assertFalse(created.isTerminal(), "a new job is not finished: " + created.status());
      List<JobUpdate> updates =
          llm.fineTuning()
              .awaitCompletionAsync(created.id(), awaitOptions())
              .toList()
              .blockingGet();
      FineTuningJob done = updates.get(updates.size() - 1).job().orElseThrow();
      assertEquals(JobStatus.SUCCEEDED, done.status(), "status, error: " + done.error());
      assertEquals(created.id(), done.id(), "job id");
      assertTrue(updates.stream().anyMatch(JobUpdate::isEvent), "events while following");
      assertFalse(llm.fineTuning().listEvents(created.id(), null, 20).data().isEmpty(), "events");
      String model = done.fineTunedModel().orElseThrow();

      ChatResponse reply =
          llm.chat()
              .chat(
                  ChatRequest.builder()
                      .model(model)
                      .addUserMessage("Hello")
                      .maxCompletionTokens(8)
                      .build());

      assertEquals(model, reply.model(), "the reply names the fine-tuned model");
      assertFalse(reply.choices().isEmpty(), "choices");
    }
  }
}
