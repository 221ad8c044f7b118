package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * Records {@link LlmMeters} around a {@link ChatService}; streams keep their semantics. A stream
 * whose request does not ask for usage is sent with {@code streamIncludeUsage(true)}, so its tokens
 * are counted, and the usage chunk the caller did not ask for is not passed on.
 */
final class MeteredChatService implements ChatService {
  private final ChatService delegate;
  private final LlmMeters meters;

  MeteredChatService(ChatService delegate, LlmMeters meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  private static final LlmMeters.Answer<ChatResponse> RESPONSE =
      new LlmMeters.Answer<>(ChatResponse::usage, ChatResponse::model);
  private static final LlmMeters.Answer<ChatChunk> CHUNK =
      new LlmMeters.Answer<>(ChatChunk::usage, ChatChunk::model);

  @Override
  public ChatResponse chat(ChatRequest request) {
    return meters.call(Capability.CHAT, model(request), () -> delegate.chat(request), RESPONSE);
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    boolean callerWantsUsage =
        Boolean.TRUE.equals(
            Objects.requireNonNull(request, "request == null").streamIncludeUsage());
    Flowable<ChatChunk> source =
        delegate.stream(
            callerWantsUsage ? request : request.toBuilder().streamIncludeUsage(true).build());
    Flowable<ChatChunk> metered =
        meters.stream(Capability.CHAT, request.model(), source, CHUNK, true);
    return callerWantsUsage
        ? metered
        : metered.filter(c -> !(c.choices().isEmpty() && c.usage().isPresent()));
  }

  @Override
  public Single<ChatResponse> chatAsync(ChatRequest request) {
    Single<ChatResponse> source = delegate.chatAsync(request);
    return meters.single(Capability.CHAT, request.model(), source, RESPONSE);
  }

  private static String model(ChatRequest request) {
    return Objects.requireNonNull(request, "request == null").model();
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
