package dev.llmkit.openai;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.openai.internal.service.OpenAiChatService;
import dev.llmkit.openai.internal.service.OpenAiCompletionService;
import dev.llmkit.openai.internal.service.OpenAiEmbeddingService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;

/**
 * The calls of an {@link OpenAiClient} that also return the {@link ResponseMetadata} of their HTTP
 * response: request id, rate limits, processing time and headers. Each method behaves exactly as
 * the plain one of the same name (same request, retries, errors, streaming contract) and wraps the
 * result in {@link WithMetadata}. Errors carry their headers too: {@link
 * ResponseMetadata#of(dev.llmkit.LlmApiException)}.
 *
 * <pre>{@code
 * OpenAiResponses raw = client.withResponseMetadata();
 * WithMetadata<ChatResponse> r = raw.chat(request);
 * System.out.println(r.value().text() + " " + r.metadata().requestId().orElse("?"));
 * raw.stream(request).blockingForEach(c -> System.out.print(c.value().text()));
 * }</pre>
 *
 * @since 0.2
 */
public final class OpenAiResponses {
  private final OpenAiChatService chat;
  private final OpenAiCompletionService completions;
  private final OpenAiEmbeddingService embeddings;

  OpenAiResponses(
      OpenAiChatService chat,
      OpenAiCompletionService completions,
      OpenAiEmbeddingService embeddings) {
    this.chat = chat;
    this.completions = completions;
    this.embeddings = embeddings;
  }

  /** {@link dev.llmkit.chat.ChatService#chat} with metadata. */
  public WithMetadata<ChatResponse> chat(ChatRequest request) {
    return chat.chatWithMetadata(request);
  }

  /** {@link dev.llmkit.chat.ChatService#chatAsync} with metadata. */
  public Single<WithMetadata<ChatResponse>> chatAsync(ChatRequest request) {
    return chat.chatAsyncWithMetadata(request);
  }

  /** {@link dev.llmkit.chat.ChatService#stream}; every chunk carries the stream's metadata. */
  public Flowable<WithMetadata<ChatChunk>> stream(ChatRequest request) {
    return chat.streamWithMetadata(request);
  }

  /** {@link dev.llmkit.completion.CompletionService#complete} with metadata. */
  public WithMetadata<CompletionResponse> complete(CompletionRequest request) {
    return completions.completeWithMetadata(request);
  }

  /** {@link dev.llmkit.completion.CompletionService#stream} with metadata on every chunk. */
  public Flowable<WithMetadata<CompletionChunk>> streamCompletion(CompletionRequest request) {
    return completions.streamWithMetadata(request);
  }

  /** {@link dev.llmkit.embedding.EmbeddingService#embed} with metadata. */
  public WithMetadata<EmbeddingResponse> embed(EmbeddingRequest request) {
    return embeddings.embedWithMetadata(request);
  }
}
