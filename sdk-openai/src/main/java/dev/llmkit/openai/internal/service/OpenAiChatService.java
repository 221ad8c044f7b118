package dev.llmkit.openai.internal.service;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.ChatCompletionRequestDto;
import dev.llmkit.openai.internal.wire.ChatRequestMapper;
import dev.llmkit.openai.internal.wire.ResponseMapper;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * Chat completions over {@code POST /chat/completions}. {@link #chatAsync} is natively async
 * (enqueued on OkHttp's dispatcher); {@link #stream} uses server-sent events with the
 * backpressure described on {@code SseFlowable}.
 */
public final class OpenAiChatService implements ChatService {
  private final OpenAiTransport transport;

  public OpenAiChatService(OpenAiTransport transport) {
    this.transport = transport;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.map(transport.execute(transport.api().chat(body(request))),
        ResponseMapper::chat);
  }

  @Override
  public Single<ChatResponse> chatAsync(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.async(() -> transport.api().chat(body(request)))
        .map(dto -> transport.map(dto, ResponseMapper::chat));
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(() -> {
      ChatCompletionRequestDto body =
          body(request).streaming(ChatRequestMapper.includeUsage(request));
      return transport.stream("chat/completions", body,
          () -> new ChatChunkParser(transport.errors()));
    });
  }

  private static ChatCompletionRequestDto body(ChatRequest request) {
    return ChatRequestMapper.toDto(request);
  }
}
