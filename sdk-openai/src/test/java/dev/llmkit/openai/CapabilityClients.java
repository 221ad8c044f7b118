package dev.llmkit.openai;

import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.moderation.ModerationService;

/** The embeddings, files, fine-tuning and moderation services of a client on WireMock. */
final class CapabilityClients {
  private CapabilityClients() {}

  /** A client with retries off, as {@link Requests#client(String)}. */
  static OpenAiClient client(String httpBaseUrl) {
    return Requests.client(httpBaseUrl).build();
  }

  static EmbeddingService embeddings(String httpBaseUrl) {
    return client(httpBaseUrl).embeddings();
  }

  static FileService files(String httpBaseUrl) {
    return client(httpBaseUrl).files();
  }

  static FineTuningService fineTuning(String httpBaseUrl) {
    return client(httpBaseUrl).fineTuning();
  }

  static ModerationService moderation(String httpBaseUrl) {
    return client(httpBaseUrl).moderation();
  }
}
