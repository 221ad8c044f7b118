package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.Capability;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import dev.llmkit.local.internal.model.TinyBert;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.moderation.ModerationRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local clients without a chat model: embeddings, moderation or files only. */
class LocalEmbeddingOnlyClientTest {
  @TempDir Path dir;

  private static EmbeddingRequest text(String text) {
    return EmbeddingRequest.builder().model("m").input(text).build();
  }

  @Test
  void llmClientWithOnlyAnEmbeddingModelEmbeds() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 3);

    try (LlmClient llm =
        Llm.client(
            Map.of(
                "llmkit.provider",
                "local",
                "llmkit.local.embedding-model",
                bert.file.toString(),
                "llmkit.local.data-dir",
                dir.toString(),
                "llmkit.local.threads",
                "1"))) {
      EmbeddingResponse r = llm.embeddings().embed(text("hello world"));

      assertThat(r.embedding(0).vector()).hasSize(16);
      assertThat(llm.capabilities())
          .containsExactlyInAnyOrder(Capability.EMBEDDINGS, Capability.FILES);
      assertThatThrownBy(() -> llm.chat())
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.model");
      assertThatThrownBy(() -> llm.completions())
          .isInstanceOf(UnsupportedCapabilityException.class);
      assertThatThrownBy(() -> llm.models()).isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(((LocalClient) llm).contextSize()).isZero();
      assertThat(llm.toString()).contains("model=none");
    }
  }

  @Test
  void providerReadsTheEmbeddingOptions() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 3);
    String longText = "hello world ".repeat(20);

    try (LlmClient llm =
        Llm.client(
            "local",
            Map.of(
                "embedding-model",
                bert.file.toString(),
                "data-dir",
                dir.toString(),
                "embedding-max-tokens",
                "6"))) {
      assertThat(llm.embeddings().embed(text(longText)).usage().orElseThrow().promptTokens())
          .isEqualTo(6);
    }
    try (LlmClient llm =
        Llm.client(
            "local",
            Map.of(
                "embedding-model",
                bert.file.toString(),
                "data-dir",
                dir.toString(),
                "embedding-truncate",
                "false"))) {
      assertThatThrownBy(() -> llm.embeddings().embed(text(longText)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("at most 24");
    }
    try (LlmClient llm =
        Llm.client(
            "local",
            Map.of(
                "embedding-model",
                bert.file.toString(),
                "data-dir",
                dir.toString(),
                "embedding-parse-special",
                "false"))) {
      // "[SEP]" as text is "[", "sep", "]": three unknown pieces instead of one [SEP]
      assertThat(llm.embeddings().embed(text("hello [SEP]")).usage().orElseThrow().promptTokens())
          .isEqualTo(6);
    }
    assertThatThrownBy(
            () ->
                Llm.client(
                    "local",
                    Map.of(
                        "embedding-model",
                        bert.file.toString(),
                        "data-dir",
                        dir.toString(),
                        "embedding-max-tokens",
                        "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llmkit.local.embedding-max-tokens");
    assertThatThrownBy(
            () ->
                Llm.client(
                    "local",
                    Map.of(
                        "embedding-model",
                        bert.file.toString(),
                        "data-dir",
                        dir.toString(),
                        "embedding-max-tokens",
                        "1000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 24");
  }

  @Test
  void aClientWithOnlyAModerationModelModeratesWithoutAChatModel() {
    Path guard = SharedModels.resolve("stories260K/stories260K-Q8_0.gguf");

    try (LlmClient llm =
        Llm.client(
            Map.of(
                "llmkit.provider",
                "local",
                "llmkit.local.moderation-model",
                guard.toString(),
                "llmkit.local.data-dir",
                dir.toString(),
                "llmkit.local.threads",
                "1"))) {
      // stories260K as a guard model reads 128 tokens, fewer than the Llama Guard prompt: the
      // guard model ran when it says so.
      assertThatThrownBy(
              () ->
                  llm.moderation()
                      .moderate(ModerationRequest.builder().input("Once upon a time").build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("guard model stories260K-Q8_0 takes at most");
      assertThat(llm.capabilities())
          .containsExactlyInAnyOrder(Capability.MODERATION, Capability.FILES);
      assertThatThrownBy(llm::completions)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.model");
      assertThatThrownBy(llm::embeddings)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("llmkit.local.embedding-model");
    }
  }

  @Test
  void aClientWithoutAnyModelServesFiles() {
    try (LocalClient llm = LocalClient.builder().dataDir(dir).build()) {
      StoredFile stored =
          llm.files()
              .upload(FileUpload.of(new byte[] {'{', '}'}, "a.jsonl", FilePurpose.FINE_TUNE));

      assertThat(llm.files().retrieve(stored.id()).bytes()).isEqualTo(2);
      assertThat(llm.capabilities()).containsExactly(Capability.FILES);
      assertThat(llm.contextSize()).isZero();
      assertThatThrownBy(llm::models)
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("models");
    }
  }

  @Test
  void chatRequestsOnAnEmbeddingOnlyBuilderClientAreUnsupported() {
    TinyBert bert = new TinyBert(dir.resolve("tiny-bert.gguf"), 1, 3);

    try (LocalClient llm = LocalClient.builder().embeddingModel(bert.file).dataDir(dir).build()) {
      assertThatThrownBy(
              () -> llm.chat().chat(ChatRequest.builder().model("m").addUserMessage("hi").build()))
          .isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(llm.embeddings().embed(text("the cafe")).data()).hasSize(1);
    }
  }
}
