package dev.llmkit;

import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.util.Set;

/**
 * A configured connection to one provider, with one accessor per {@link Capability}. Close it to
 * release its threads, connections and loaded models.
 *
 * <pre>{@code
 * try (LlmClient llm = Llm.client()) {           // llmkit.provider=openai
 *   ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
 *   System.out.println(llm.chat().chat(request).text());
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe; the services they return may be shared and cached. Every
 * accessor throws {@link UnsupportedCapabilityException}, naming the provider and the capability,
 * when the provider lacks that capability; {@link #supports(Capability)} asks without throwing.
 */
public interface LlmClient extends AutoCloseable {
  /** The provider's id, e.g. {@code "openai"} or {@code "local"}. */
  String provider();

  /** The capabilities this client offers; each has a working accessor. */
  Set<Capability> capabilities();

  /** Whether {@code capability} is in {@link #capabilities()}. */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * Returns the chat completions service.
   *
   * @throws UnsupportedCapabilityException if this provider has no chat
   */
  ChatService chat();

  /**
   * Returns the legacy text completions service.
   *
   * @throws UnsupportedCapabilityException if this provider has no text completions
   */
  CompletionService completions();

  /**
   * Returns the embeddings service.
   *
   * @throws UnsupportedCapabilityException if this provider has no embeddings
   */
  EmbeddingService embeddings();

  /**
   * Returns the file storage service.
   *
   * @throws UnsupportedCapabilityException if this provider does not store files
   */
  FileService files();

  /**
   * Returns the fine-tuning service.
   *
   * @throws UnsupportedCapabilityException if this provider cannot fine-tune
   */
  FineTuningService fineTuning();

  /**
   * Returns the moderation service.
   *
   * @throws UnsupportedCapabilityException if this provider has no moderation
   */
  ModerationService moderation();

  /**
   * Returns the model listing service.
   *
   * @throws UnsupportedCapabilityException if this provider cannot list models
   */
  ModelService models();

  /**
   * Releases this client's resources. Calls in flight may fail with {@link LlmIoException}; using
   * the client afterwards is an error. Closing twice has no effect.
   */
  @Override
  void close();
}
