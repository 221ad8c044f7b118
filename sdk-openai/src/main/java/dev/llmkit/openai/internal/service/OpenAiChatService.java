package dev.llmkit.openai.internal.service;

import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.openai.ResponseMetadata;
import dev.llmkit.openai.WithMetadata;
import dev.llmkit.openai.internal.http.MetadataChunkParser;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.ChatCompletionDto;
import dev.llmkit.openai.internal.wire.ChatCompletionRequestDto;
import dev.llmkit.openai.internal.wire.ChatRequestMapper;
import dev.llmkit.openai.internal.wire.ResponseMapper;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * Chat completions over {@code POST /chat/completions}. {@link #chatAsync} is natively async
 * (enqueued on OkHttp's dispatcher); {@link #stream} uses server-sent events with the backpressure
 * described on {@code SseFlowable}.
 */
public final class OpenAiChatService implements ChatService {
  private final OpenAiTransport transport;

  public OpenAiChatService(OpenAiTransport transport) {
    this.transport = transport;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.map(
        transport.execute(transport.api().chat(body(request))), ResponseMapper::chat);
  }

  @Override
  public Single<ChatResponse> chatAsync(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport
        .async(() -> transport.api().chat(body(request)))
        .map(dto -> transport.map(dto, ResponseMapper::chat));
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () -> {
          ChatCompletionRequestDto body =
              body(request).streaming(ChatRequestMapper.includeUsage(request));
          return transport.stream(
              "chat/completions", body, () -> new ChatChunkParser(transport.errors()));
        });
  }

  /** {@link #chat} with the response's metadata. */
  public WithMetadata<ChatResponse> chatWithMetadata(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return withMetadata(transport.executeRaw(transport.api().chat(body(request))));
  }

  /** {@link #chatAsync} with the response's metadata. */
  public Single<WithMetadata<ChatResponse>> chatAsyncWithMetadata(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.asyncRaw(() -> transport.api().chat(body(request))).map(this::withMetadata);
  }

  /** {@link #stream} with the response's metadata on every chunk. */
  public Flowable<WithMetadata<ChatChunk>> streamWithMetadata(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () -> {
          ChatCompletionRequestDto body =
              body(request).streaming(ChatRequestMapper.includeUsage(request));
          return transport.stream(
              "chat/completions",
              body,
              () -> new MetadataChunkParser<>(new ChatChunkParser(transport.errors())));
        });
  }

  private WithMetadata<ChatResponse> withMetadata(OpenAiTransport.Raw<ChatCompletionDto> raw) {
    return WithMetadata.of(
        transport.map(raw.body(), ResponseMapper::chat),
        ResponseMetadata.of(raw.status(), raw.headers().toMultimap()));
  }

  private static ChatCompletionRequestDto body(ChatRequest request) {
    return ChatRequestMapper.toDto(request);
  }
}
