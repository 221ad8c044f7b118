package dev.llmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Capability;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.local.LocalClient;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.openai.OpenAiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

/** Runs the local branch against the shared stories260K model (skipped when it is absent). */
class LocalModelAutoConfigurationTest {
  private ApplicationContextRunner runner;

  @BeforeEach
  void setUp() {
    Path model = StarterTesting.sharedModel("stories260K/stories260K.gguf");
    runner =
        StarterTesting.runner()
            .withPropertyValues(
                "llmkit.local.model=" + model,
                "llmkit.local.threads=1",
                "llmkit.local.context-size=64",
                "llmkit.local.offline=true");
  }

  @Test
  void loadsTheConfiguredModelAndExposesItsServices() {
    runner.run(
        context -> {
          assertThat(context)
              .hasNotFailed()
              .hasSingleBean(LocalClient.class)
              .hasSingleBean(ChatService.class)
              .hasSingleBean(CompletionService.class)
              .hasSingleBean(ModelService.class)
              .doesNotHaveBean(OpenAiClient.class)
              .hasSingleBean(FineTuningService.class);
          LocalClient client = context.getBean(LocalClient.class);

          assertThat(client.contextSize()).isEqualTo(64);
          assertThat(context.getBean(ModelService.class).list())
              .extracting(dev.llmkit.model.Model::id)
              .containsExactly("stories260K");
        });
  }

  @Test
  void completesTextThroughTheInjectedService() {
    runner.run(
        context -> {
          CompletionRequest request =
              CompletionRequest.builder()
                  .model("local")
                  .prompt("Once upon a time")
                  .maxTokens(4)
                  .temperature(0.0)
                  .build();

          CompletionResponse response = context.getBean(CompletionService.class).complete(request);

          assertThat(response.usage())
              .hasValueSatisfying(usage -> assertThat(usage.completionTokens()).isBetween(1, 4));
        });
  }

  @Test
  void providerPropertySwitchesBetweenConfiguredProviders() {
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key", "llmkit.provider=local")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(LocalClient.class)
                    .doesNotHaveBean(OpenAiClient.class));
    runner
        .withPropertyValues("llmkit.openai.api-key=test-key", "llmkit.provider=openai")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(OpenAiClient.class)
                    .doesNotHaveBean(LocalClient.class));
  }

  @Test
  void customizerAdjustsTheBuilderAfterTheProperties() {
    runner
        .withUserConfiguration(SmallContext.class)
        .run(context -> assertThat(context.getBean(LocalClient.class).contextSize()).isEqualTo(32));
  }

  @Test
  void healthIsUpAndNamesTheLoadedModel() {
    runner.run(
        context -> {
          Health health = context.getBean("llmkitHealthIndicator", HealthIndicator.class).health();

          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails())
              .containsEntry("provider", "local")
              .containsEntry("model", "stories260K");
        });
  }

  @Test
  void modelIsClosedWithTheContext() {
    LlmClient[] client = new LlmClient[1];

    runner.run(context -> client[0] = context.getBean(LlmClient.class));

    assertThat(client[0].toString()).contains("stories260K");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                client[0]
                    .completions()
                    .complete(
                        CompletionRequest.builder()
                            .model("local")
                            .prompt("Once")
                            .maxTokens(1)
                            .build()))
        .isInstanceOf(dev.llmkit.LlmIoException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aModerationModelAloneSelectsLocalWithoutAChatModel(@TempDir Path dataDir) {
    Path guard = StarterTesting.sharedModel("stories260K/stories260K.gguf");

    StarterTesting.runner()
        .withPropertyValues(
            "llmkit.local.moderation-model=" + guard,
            "llmkit.local.data-dir=" + dataDir,
            "llmkit.local.threads=1")
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(ModerationService.class)
                  .hasSingleBean(FileService.class)
                  .doesNotHaveBean(ChatService.class);
              // stories260K as a guard model reads fewer tokens than the Llama Guard prompt has:
              // the guard model ran when it says so.
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(ModerationService.class)
                              .moderate(
                                  ModerationRequest.builder().input("Once upon a time").build()))
                  .isInstanceOf(InvalidRequestException.class)
                  .hasMessageContaining("guard model stories260K takes at most");
              assertThat(context.getBean(LocalClient.class).capabilities())
                  .containsExactlyInAnyOrder(Capability.MODERATION, Capability.FILES);
            });
  }

  @Test
  void embeddingModelDataDirAndFileLimitReachTheClient(@TempDir Path dataDir) throws Exception {
    Path model = StarterTesting.sharedModel("stories260K/stories260K.gguf");

    runner
        .withPropertyValues(
            "llmkit.local.embedding-model=" + model,
            "llmkit.local.data-dir=" + dataDir,
            "llmkit.local.max-file-size=16B")
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(EmbeddingService.class)
                  .hasSingleBean(FileService.class);
              EmbeddingResponse embedded =
                  context
                      .getBean(EmbeddingService.class)
                      .embed(
                          EmbeddingRequest.builder()
                              .model("local")
                              .input("Once upon a time")
                              .build());
              FileService files = context.getBean(FileService.class);
              StoredFile stored =
                  files.upload(
                      FileUpload.of(
                          "0123456789".getBytes(StandardCharsets.UTF_8),
                          "a.txt",
                          FilePurpose.USER_DATA));

              assertThat(embedded.embedding(0).dimensions()).isEqualTo(64);
              assertThat(dataDir.resolve("files").resolve(stored.id() + ".bin")).exists();
              assertThatThrownBy(
                      () ->
                          files.upload(
                              FileUpload.of(new byte[17], "big.bin", FilePurpose.USER_DATA)))
                  .isInstanceOf(InvalidRequestException.class);
            });
  }

  @Test
  void fineTuningPropertiesReachTheClient(@TempDir Path dataDir) {
    String jsonl = "{\"prompt\": \"Tom saw a\", \"completion\": \" big frog.\"}\n";
    runner
        .withPropertyValues(
            "llmkit.local.data-dir=" + dataDir,
            "llmkit.local.fine-tuning.max-concurrent-jobs=2",
            "llmkit.local.fine-tuning.threads=3",
            "llmkit.local.fine-tuning.memory-limit=1MB")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              String fileId =
                  context
                      .getBean(FileService.class)
                      .upload(
                          FileUpload.of(
                              jsonl.getBytes(StandardCharsets.UTF_8),
                              "t.jsonl",
                              FilePurpose.FINE_TUNE))
                      .id();
              FineTuningService fineTuning = context.getBean(FineTuningService.class);
              assertThatThrownBy(
                      () ->
                          fineTuning.create(
                              dev.llmkit.finetuning.CreateFineTuningJobRequest.builder()
                                  .model("local")
                                  .trainingFile(fileId)
                                  .putExtraBody("context_length", 1024)
                                  .build()))
                  .isInstanceOf(InvalidRequestException.class)
                  .hasMessageContaining("fine-tuning memory limit is 1 MiB");
            });
    runner
        .withPropertyValues(
            "llmkit.local.data-dir=" + dataDir, "llmkit.local.fine-tuning.threads=3")
        .run(
            context -> {
              String fileId =
                  context
                      .getBean(FileService.class)
                      .upload(
                          FileUpload.of(
                              jsonl.getBytes(StandardCharsets.UTF_8),
                              "t.jsonl",
                              FilePurpose.FINE_TUNE))
                      .id();
              FineTuningService fineTuning = context.getBean(FineTuningService.class);
              dev.llmkit.finetuning.FineTuningJob job =
                  fineTuning.create(
                      dev.llmkit.finetuning.CreateFineTuningJobRequest.builder()
                          .model("local")
                          .trainingFile(fileId)
                          .putExtraBody("context_length", 16)
                          .build());
              assertThat(((java.util.Map<?, ?>) job.extra().get("local_settings")).get("threads"))
                  .isEqualTo(3L);
              fineTuning.cancel(job.id());
            });
    runner
        .withPropertyValues("llmkit.local.fine-tuning.max-concurrent-jobs=0")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .getRootCause()
                    .hasMessageContaining("llmkit.local.fine-tuning.max-concurrent-jobs is 0"));
  }

  @Test
  void chatTemplateOverrideReachesTheClient() {
    runner
        .withPropertyValues("llmkit.local.chat-template=chatml")
        .run(
            context -> {
              LocalClient client = (LocalClient) context.getBean(LlmClient.class);
              assertThat(
                      client.renderPrompt(
                          dev.llmkit.chat.ChatRequest.builder()
                              .model("local")
                              .addUserMessage("Hi")
                              .build()))
                  .isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
            });
  }

  static class SmallContext {
    @Bean
    LocalClientCustomizer smallContext() {
      return builder -> builder.contextSize(32);
    }
  }
}
