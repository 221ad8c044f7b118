package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Capability;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.LlmIoException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.model.Model;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration, capabilities, models() and concurrency of LocalClient. */
class LocalClientTest {
  @TempDir Path cache;

  private static Path stories() {
    return SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");
  }

  @Test
  void providerBuildsAClientFromLlmkitLocalKeys() {
    try (LlmClient llm =
        Llm.client(
            "local",
            Map.of(
                "llmkit.local.model", stories().toString(),
                "context-size", "64",
                "threads", "1",
                "max-concurrent-requests", "2",
                "cache-dir", cache.toString(),
                "offline", "true"))) {

      assertThat(llm).isInstanceOf(LocalClient.class);
      assertThat(llm.provider()).isEqualTo("local");
      assertThat(((LocalClient) llm).contextSize()).isEqualTo(64);
      assertThat(llm.capabilities())
          .containsExactlyInAnyOrder(
              Capability.CHAT,
              Capability.COMPLETIONS,
              Capability.MODELS,
              Capability.FILES,
              Capability.FINE_TUNING);
    }
  }

  @Test
  void providerReadsMemoryLimitAndSamplingDefaults() {
    // stories260K: 640 bytes of f16 KV cache per position; 64000 bytes hold 100 positions.
    try (LlmClient llm =
        Llm.client(
            "local",
            Map.of(
                "model", stories().toString(),
                "threads", "1",
                "data-dir", cache.toString(),
                "kv-cache-memory-limit", "64000",
                "temperature", "0",
                "top-k", "1"))) {

      String once =
          llm.completions()
              .complete(
                  CompletionRequest.builder()
                      .model("m")
                      .prompt("Once upon a time")
                      .maxTokens(4)
                      .build())
              .text();
      String again =
          llm.completions()
              .complete(
                  CompletionRequest.builder()
                      .model("m")
                      .prompt("Once upon a time")
                      .maxTokens(4)
                      .build())
              .text();

      assertThat(((LocalClient) llm).contextSize()).isEqualTo(100);
      assertThat(once).isEqualTo(again).isNotEmpty();
    }
    assertThatThrownBy(
            () ->
                Llm.client(
                    "local",
                    Map.of("model", stories().toString(), "kv-cache-memory-limit", "lots")))
        .hasMessageContaining("llmkit.local.kv-cache-memory-limit");
  }

  @Test
  void providerWithoutModelServesFilesAndSaysWhichPropertyChatNeeds() {
    try (LlmClient llm = Llm.client("local", Map.of("data-dir", cache.toString()))) {
      assertThat(llm.capabilities()).containsExactly(Capability.FILES);
      assertThat(llm.files().list().data()).isEmpty();
      assertThatThrownBy(llm::chat)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("no chat model")
          .hasMessageContaining("llmkit.local.model");
      assertThatThrownBy(llm::fineTuning)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.model");
    }
  }

  @Test
  void offlineWithAnUncachedHfModelIsAClearModelLoadException() {
    LocalClient.Builder builder =
        LocalClient.builder()
            .model("hf:acme/tiny-GGUF/tiny-Q8_0.gguf")
            .cacheDir(cache)
            .offline(true);

    assertThatThrownBy(builder::build)
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tiny-Q8_0.gguf")
        .hasMessageContaining("llmkit.local.offline=true");
  }

  @Test
  void unsupportedCapabilitiesNameProviderAndCapability() {
    try (LocalClient client = LocalClient.builder().model(stories()).threads(1).build()) {

      assertThatThrownBy(client::embeddings)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("'local'")
          .hasMessageContaining("embedding")
          .hasMessageContaining("llmkit.local.embedding-model");
      assertThatThrownBy(client::moderation)
          .hasMessageContaining("moderation")
          .hasMessageContaining("llmkit.local.moderation-model");
      assertThat(client.capabilities()).contains(Capability.FINE_TUNING);
    }
  }

  @Test
  void modelsListsTheLoadedModelWithItsDetails() {
    try (LocalClient client =
        LocalClient.builder().model(stories()).threads(1).contextSize(100).build()) {

      List<Model> models = client.models().list();
      Model retrieved = client.models().retrieve("stories260K-Q8_0");

      assertThat(models).containsExactly(retrieved);
      assertThat(retrieved.ownedBy()).isEqualTo("local");
      assertThat(retrieved.extra())
          .containsEntry("architecture", "llama")
          .containsEntry("quantization", "Q8_0")
          .containsEntry("context_length", 128)
          .containsEntry("context_size", 100);
      assertThatThrownBy(() -> client.models().retrieve("gpt-4o"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("stories260K-Q8_0");
      assertThatThrownBy(() -> client.models().delete("stories260K-Q8_0"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cannot be deleted");
    }
  }

  @Test
  void builderRejectsBadValuesNamingTheParameter() {
    LocalClient.Builder b = LocalClient.builder();

    assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads is 0");
    assertThatThrownBy(() -> b.temperature(3)).hasMessageContaining("temperature is 3.0");
    assertThatThrownBy(() -> b.topP(0)).hasMessageContaining("topP");
    assertThatThrownBy(() -> b.contextSize(1)).hasMessageContaining("contextSize");
    assertThatThrownBy(() -> b.maxConcurrentRequests(0))
        .hasMessageContaining("maxConcurrentRequests");
    assertThatThrownBy(() -> b.maxBatchSize(0))
        .hasMessageContaining("maxBatchSize is 0; allowed range is 1 to 256");
    assertThatThrownBy(() -> b.model("hf:only-owner.gguf").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hf:<owner>/<repo>/<file>.gguf");
  }

  @Test
  void downloadBaseUrlMustBeAnHttpUrlNamingTheSetting() {
    // The URL is checked before any model is looked at, so the model file need not exist.
    assertThatThrownBy(
            () -> Llm.client("local", Map.of("model", "model.gguf", "download-base-url", "::bad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llmkit.local.download-base-url is '::bad'")
        .hasMessageContaining("http or https URL");
    assertThatThrownBy(() -> LocalClient.builder().downloadBaseUrl(URI.create("huggingface.co")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("downloadBaseUrl is 'huggingface.co'");
    assertThatThrownBy(() -> LocalClient.builder().downloadBaseUrl(URI.create("ftp://mirror/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
  }

  @Test
  void requestsAfterCloseFailWithLlmIoException() {
    LocalClient client = LocalClient.builder().model(stories()).threads(1).build();
    client.close();
    client.close(); // idempotent

    assertThatThrownBy(
            () ->
                client
                    .completions()
                    .complete(
                        CompletionRequest.builder().model("m").prompt("Hi").maxTokens(2).build()))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void kvCacheMemoryLimitBoundsTheContextSize() {
    // stories260K: 5 layers x (32 + 32) values x 2 bytes (f16, the default) = 640 per position.
    try (LocalClient client =
        LocalClient.builder()
            .model(stories())
            .threads(1)
            .contextSize(512)
            .maxConcurrentRequests(2)
            .kvCacheMemoryLimit(2 * 640 * 100)
            .build()) {

      assertThat(client.contextSize()).isEqualTo(100);
    }
  }

  @Test
  void kvCacheMemoryLimitCountsFourBytesPerValueForF32() {
    // 5 layers x (32 + 32) values x 4 bytes = 1280 per position.
    try (LocalClient client =
        LocalClient.builder()
            .model(stories())
            .threads(1)
            .kvCacheType("f32")
            .contextSize(512)
            .maxConcurrentRequests(2)
            .kvCacheMemoryLimit(2 * 1280 * 100)
            .build()) {

      assertThat(client.contextSize()).isEqualTo(100);
    }
  }

  @Test
  void concurrentRequestsGiveTheSameOutputsAsSequentialOnes() throws Exception {
    List<CompletionRequest> requests = new ArrayList<>();
    String[] prompts = {"Once upon a time", "Lily and Tom", "The little dog", "One day"};
    for (int i = 0; i < prompts.length; i++) {
      requests.add(
          CompletionRequest.builder()
              .model("m")
              .prompt(prompts[i])
              .temperature(0.8)
              .seed((long) i)
              .maxTokens(30)
              .build());
    }
    List<String> sequential = new ArrayList<>();
    try (LocalClient one = LocalClient.builder().model(stories()).threads(1).build()) {
      for (CompletionRequest r : requests) {
        sequential.add(one.completions().complete(r).text());
      }
    }

    List<String> concurrent = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (LocalClient two =
        LocalClient.builder().model(stories()).threads(2).maxConcurrentRequests(2).build()) {
      List<Future<String>> futures = new ArrayList<>();
      for (CompletionRequest r : requests) {
        Callable<String> call = () -> two.completions().complete(r).text();
        futures.add(callers.submit(call));
      }
      for (Future<String> f : futures) {
        concurrent.add(f.get());
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(concurrent).isEqualTo(sequential);
    assertThat(sequential).doesNotHaveDuplicates();
  }
}
