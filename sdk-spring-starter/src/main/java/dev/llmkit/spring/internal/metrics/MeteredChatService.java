package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/** Records {@link LlmMeters} around a {@link ChatService}; streams keep their semantics. */
final class MeteredChatService implements ChatService {
  private final ChatService delegate;
  private final LlmMeters meters;

  MeteredChatService(ChatService delegate, LlmMeters meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return meters.call(Capability.CHAT, model(request), () -> delegate.chat(request),
        ChatResponse::usage);
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    Flowable<ChatChunk> source = delegate.stream(request);
    return meters.stream(Capability.CHAT, request.model(), source, ChatChunk::usage, true);
  }

  @Override
  public Single<ChatResponse> chatAsync(ChatRequest request) {
    Single<ChatResponse> source = delegate.chatAsync(request);
    return meters.single(Capability.CHAT, request.model(), source, ChatResponse::usage);
  }

  private static String model(ChatRequest request) {
    return Objects.requireNonNull(request, "request == null").model();
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
