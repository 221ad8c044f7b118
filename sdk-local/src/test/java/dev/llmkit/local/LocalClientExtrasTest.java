package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Capability;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmClient;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import dev.llmkit.local.internal.model.TinyBert;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.model.Model;
import dev.llmkit.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings, files, moderation and the model cache as a LocalClient user sees them. */
class LocalClientExtrasTest {
  @TempDir Path dir;

  private static Path stories() {
    return SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");
  }

  @Test
  void embeddingsAndFilesWorkThroughTheClient() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 3);

    try (LocalClient client =
        LocalClient.builder()
            .model(stories())
            .threads(1)
            .embeddingModel(bert.file)
            .dataDir(dir.resolve("data"))
            .cacheDir(dir.resolve("cache"))
            .build()) {
      EmbeddingResponse r =
          client
              .embeddings()
              .embed(
                  EmbeddingRequest.builder()
                      .model("any")
                      .inputs(List.of("hello world", "the cafe"))
                      .dimensions(8)
                      .build());
      StoredFile f =
          client
              .files()
              .upload(FileUpload.of(new byte[] {1, 2, 3}, "a.jsonl", FilePurpose.FINE_TUNE));

      assertThat(client.capabilities())
          .contains(Capability.CHAT, Capability.EMBEDDINGS, Capability.FILES, Capability.MODELS)
          .doesNotContain(Capability.MODERATION);
      assertThat(r.data()).hasSize(2);
      assertThat(r.embedding(1).dimensions()).isEqualTo(8);
      assertThat(r.model()).isEqualTo("tiny-bert");
      assertThat(Files.exists(dir.resolve("data/files/" + f.id() + ".bin"))).isTrue();
      assertThat(client.files().retrieve(f.id()).bytes()).isEqualTo(3);
    }
  }

  @Test
  void moderationWithoutAGuardModelSaysWhatToConfigure() {
    try (LocalClient client =
        LocalClient.builder().model(stories()).threads(1).dataDir(dir).build()) {

      assertThatThrownBy(client::moderation)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.moderation-model")
          .hasMessageContaining("moderationModel(")
          .satisfies(
              e ->
                  assertThat(((UnsupportedCapabilityException) e).capability())
                      .isEqualTo(Capability.MODERATION));
      assertThatThrownBy(client::embeddings)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.embedding-model");
    }
  }

  @Test
  void providerConfigKeysConfigureTheExtras() {
    TinyBert bert = new TinyBert(dir.resolve("bert.gguf"), 2, 4);
    Map<String, String> options =
        Map.of(
            "model", stories().toString(),
            "threads", "1",
            "embedding-model", bert.file.toString(),
            "moderation-model", stories().toString(),
            "data-dir", dir.resolve("d").toString(),
            "max-file-size", "2KB",
            "cache-dir", dir.resolve("c").toString());

    try (LlmClient client = new LocalProvider().create(ProviderConfig.of("local", options))) {
      assertThat(client.capabilities())
          .contains(Capability.EMBEDDINGS, Capability.MODERATION, Capability.FILES);
      assertThat(
              client.files().upload(FileUpload.of(new byte[2048], "ok", FilePurpose.BATCH)).bytes())
          .isEqualTo(2048);
      assertThatThrownBy(
              () -> client.files().upload(FileUpload.of(new byte[2049], "big", FilePurpose.BATCH)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("2048");
      assertThat(client.moderation()).isNotNull();
    }
    assertThatThrownBy(
            () ->
                new LocalProvider()
                    .create(
                        ProviderConfig.of(
                            "local",
                            Map.of("model", stories().toString(), "max-file-size", "lots"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llmkit.local.max-file-size");
  }

  @Test
  void modelsListsCachedGgufFilesBesideTheLoadedModel() throws Exception {
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("acme/bert"));
    new TinyBert(cache.resolve("acme/bert/mini.gguf"), 1, 1);

    try (LocalClient client =
        LocalClient.builder().model(stories()).threads(1).cacheDir(cache).dataDir(dir).build()) {
      List<Model> models = client.models().list();

      assertThat(models)
          .extracting(Model::id)
          .containsExactly("stories260K-Q8_0", "acme/bert/mini");
      assertThat(models.get(1).extra())
          .containsEntry("architecture", "bert")
          .containsEntry("quantization", "F32")
          .containsEntry("context_length", 24);
      assertThat(client.models().delete("acme/bert/mini").deleted()).isTrue();
      assertThatThrownBy(() -> client.models().delete("stories260K-Q8_0"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cannot be deleted");
    }
  }
}
