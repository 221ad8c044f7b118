package dev.llmkit.openai.internal.service;

import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;

/**
 * One of each capability service, all sharing one {@link OpenAiTransport}; what an {@code
 * OpenAiClient} hands out.
 */
public record OpenAiServices(
    OpenAiChatService chat,
    OpenAiCompletionService completions,
    OpenAiModelService models,
    OpenAiEmbeddingService embeddings,
    OpenAiFileService files,
    OpenAiFineTuningService fineTuning,
    OpenAiModerationService moderation) {

  /** Creates every service over {@code transport}. */
  public static OpenAiServices create(OpenAiTransport transport) {
    OpenAiCapabilitiesApi api = OpenAiCapabilitiesApi.create(transport);
    return new OpenAiServices(
        new OpenAiChatService(transport),
        new OpenAiCompletionService(transport),
        new OpenAiModelService(transport),
        new OpenAiEmbeddingService(transport, api),
        new OpenAiFileService(transport, api),
        new OpenAiFineTuningService(transport, api),
        new OpenAiModerationService(transport, api));
  }
}
