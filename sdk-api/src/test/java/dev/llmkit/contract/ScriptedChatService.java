package dev.llmkit.contract;

import dev.llmkit.LlmApiException;
import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatDelta;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.chat.ChunkChoice;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.Role;
import dev.llmkit.common.Usage;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory {@link ChatService} that answers every request with the same scripted text, used to
 * run {@link ChatServiceContract} against the kit itself. Model {@code missing} is rejected with a
 * 404; model {@code future} answers with an unknown field and finish reason.
 */
final class ScriptedChatService implements ChatService {
  static final List<String> FRAGMENTS = List.of("Hel", "lo", " there", "!");
  private static final Usage USAGE = Usage.of(7, 4);

  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    check(request);
    boolean future = request.model().equals("future");
    ChatMessage message = ChatMessage.assistant(String.join("", FRAGMENTS));
    ChatChoice choice =
        ChatChoice.builder()
            .index(0)
            .message(message)
            .finishReason(future ? FinishReason.of("paused") : FinishReason.STOP)
            .build();
    return ChatResponse.builder()
        .id("chatcmpl-test-1")
        .created(1_700_000_000L)
        .model(request.model())
        .choices(List.of(choice))
        .usage(USAGE)
        .extra(future ? Map.of("future_field", 1) : Map.of())
        .build();
  }

  @Override
  public Flowable<ChatChunk> stream(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return Flowable.defer(
        () -> {
          check(request);
          return Flowable.fromIterable(chunks(request));
        });
  }

  private static List<ChatChunk> chunks(ChatRequest request) {
    List<ChatChunk> chunks = new ArrayList<>();
    for (int i = 0; i < FRAGMENTS.size(); i++) {
      ChatDelta.Builder delta = ChatDelta.builder().content(FRAGMENTS.get(i));
      if (i == 0) {
        delta.role(Role.ASSISTANT);
      }
      ChunkChoice.Builder choice = ChunkChoice.builder().index(0).delta(delta.build());
      if (i == FRAGMENTS.size() - 1) {
        choice.finishReason(FinishReason.STOP);
      }
      chunks.add(chunk(request).choices(List.of(choice.build())).build());
    }
    if (Boolean.TRUE.equals(request.streamIncludeUsage())) {
      chunks.add(chunk(request).usage(USAGE).build());
    }
    return chunks;
  }

  private static ChatChunk.Builder chunk(ChatRequest request) {
    return ChatChunk.builder().id("chatcmpl-test-1").created(1_700_000_000L).model(request.model());
  }

  private static void check(ChatRequest request) {
    if (request.model().equals("missing")) {
      throw LlmApiException.builder("scripted", 404)
          .errorType("invalid_request_error")
          .errorCode("model_not_found")
          .param("model")
          .requestId("req_1")
          .message("The model 'missing' does not exist")
          .build();
    }
  }
}
