package dev.llmkit.training;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.openai.OpenAiClient;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow users know from the legacy SDKs, end to end against WireMock: legacy
 * prompt/completion JSONL → convert to chat → validate → upload → create a job → follow it to
 * completion → chat with the fine-tuned model.
 */
@WireMockTest
class FineTuningWorkflowTest {
  private static final String JOB = "/v1/fine_tuning/jobs/ftjob-abc123";

  private static String resource(String name) {
    try (InputStream in = FineTuningWorkflowTest.class.getResourceAsStream("/workflow/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource workflow/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answer(MappingBuilder request, String resource) {
    stubFor(
        request.willReturn(
            aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(resource(resource))));
  }

  private static void step(String scenario, String path, String state, String next, String res) {
    answer(
        get(urlPathEqualTo(path))
            .inScenario(scenario)
            .whenScenarioStateIs(state)
            .willSetStateTo(next),
        res);
  }

  private static void stubServer() {
    answer(post("/v1/files"), "file-uploaded.json");
    answer(post("/v1/fine_tuning/jobs"), "job-created.json");
    step("job", JOB, STARTED, "running", "job-queued.json");
    step("job", JOB, "running", "done", "job-running.json");
    step("job", JOB, "done", "done", "job-succeeded.json");
    step("events", JOB + "/events", STARTED, "two", "await-events-1.json");
    step("events", JOB + "/events", "two", "three", "await-events-2.json");
    step("events", JOB + "/events", "three", "three", "await-events-3.json");
    answer(post("/v1/chat/completions"), "chat-completion.json");
  }

  @Test
  void legacyPromptCompletionDataBecomesAFineTunedChatModel(
      WireMockRuntimeInfo wm, @TempDir Path dir) throws IOException {
    stubServer();
    List<String> legacy = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      legacy.add(
          "{\"prompt\":\"Capital of country " + i + "?\",\"completion\":\"City " + i + ".\"}");
    }
    Path legacyFile = Files.write(dir.resolve("legacy.jsonl"), legacy);
    Path chatFile = dir.resolve("train.jsonl");

    try (OpenAiClient client =
        OpenAiClient.builder()
            .apiKey("test-key")
            .baseUrl(wm.getHttpBaseUrl() + "/v1")
            .maxRetries(0)
            .build()) {
      // 1. Convert and validate locally.
      long converted =
          TrainingData.convertPromptCompletionToChat(
              legacyFile, chatFile, "You answer with the capital only.");
      ValidationReport report = TrainingData.validate(chatFile);
      // 2. Upload.
      StoredFile file = client.files().upload(FileUpload.of(chatFile, FilePurpose.FINE_TUNE));
      // 3. Start the job.
      FineTuningJob created =
          client
              .fineTuning()
              .create(
                  CreateFineTuningJobRequest.builder()
                      .model("gpt-4o-mini-2024-07-18")
                      .trainingFile(file.id())
                      .suffix("support-bot")
                      .method(
                          FineTuneMethod.supervised(Hyperparameters.builder().nEpochs(3).build()))
                      .build());
      // 4. Follow it.
      List<JobUpdate> updates =
          client
              .fineTuning()
              .awaitCompletionAsync(
                  created.id(),
                  AwaitOptions.builder()
                      .initialInterval(Duration.ofMillis(10))
                      .maxInterval(Duration.ofMillis(40))
                      .scheduler(Schedulers.io())
                      .build())
              .toList()
              .blockingGet();
      FineTuningJob done = updates.get(updates.size() - 1).job().orElseThrow();
      // 5. Use the model.
      ChatResponse answer =
          client
              .chat()
              .chat(
                  ChatRequest.builder()
                      .model(done.fineTunedModel().orElseThrow())
                      .addUserMessage("Capital of France?")
                      .build());

      assertThat(converted).isEqualTo(12);
      assertThat(report.isValid()).isTrue();
      assertThat(report.format()).contains(TrainingFormat.CHAT);
      assertThat(report.messages()).isEqualTo(36);
      verify(
          postRequestedFor(urlEqualTo("/v1/files"))
              .withRequestBodyPart(
                  aMultipart().withName("purpose").withBody(equalTo("fine-tune")).build())
              .withRequestBodyPart(
                  aMultipart()
                      .withName("file")
                      .withBody(binaryEqualTo(Files.readAllBytes(chatFile)))
                      .build()));
      verify(
          postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
              .withRequestBody(equalToJson(resource("request-create-job.json"))));
      assertThat(created.status()).isEqualTo(JobStatus.VALIDATING_FILES);
      assertThat(updates).filteredOn(JobUpdate::isEvent).hasSize(3);
      assertThat(updates)
          .filteredOn(JobUpdate::isJob)
          .extracting(u -> u.job().orElseThrow().status())
          .containsExactly(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
      verify(
          postRequestedFor(urlEqualTo("/v1/chat/completions"))
              .withRequestBody(equalToJson(resource("request-chat.json"))));
      assertThat(answer.text()).isEqualTo("Paris.");
    }
  }
}
