package dev.llmkit.openai;

import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.moderation.ModerationService;

/** Clients on WireMock for the embeddings, files, fine-tuning and moderation tests. */
final class CapabilityClients {
  private CapabilityClients() {}

  /** A client with retries off, as {@link Requests#client(String)}. */
  static OpenAiClient client(String httpBaseUrl) {
    return Requests.client(httpBaseUrl).build();
  }

  static EmbeddingService embeddings(String httpBaseUrl) {
    OpenAiClient c = client(httpBaseUrl);
    return new dev.llmkit.openai.internal.service.OpenAiEmbeddingService(c.transport(), api(c));
  }

  static FileService files(String httpBaseUrl) {
    OpenAiClient c = client(httpBaseUrl);
    return new dev.llmkit.openai.internal.service.OpenAiFileService(c.transport(), api(c));
  }

  static FineTuningService fineTuning(String httpBaseUrl) {
    OpenAiClient c = client(httpBaseUrl);
    return new dev.llmkit.openai.internal.service.OpenAiFineTuningService(c.transport(), api(c));
  }

  static ModerationService moderation(String httpBaseUrl) {
    OpenAiClient c = client(httpBaseUrl);
    return new dev.llmkit.openai.internal.service.OpenAiModerationService(c.transport(), api(c));
  }

  private static dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi api(OpenAiClient c) {
    return dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi.create(c.transport());
  }
}
