package dev.llmkit.examples.spring;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat endpoints. {@code POST /chat} takes {@code {"message": "..."}} and returns {@code
 * {"reply": "..."}}; {@code GET /chat/stream?message=...} sends each token as an SSE event {@code
 * token} with data {@code {"text": "..."}} (JSON keeps leading spaces intact), then an event {@code
 * done}. Closing the page disposes the stream, which stops generation.
 */
@RestController
public class ChatController {
  private final ChatService chat;
  private final String model;

  public ChatController(ChatService chat, @Value("${app.chat.model:gpt-4o-mini}") String model) {
    this.chat = chat;
    this.model = model;
  }

  /** A chat message from the client. */
  public record ChatInput(String message) {}

  @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> chat(@RequestBody ChatInput input) {
    return Map.of("reply", chat.chat(request(input.message())).text());
  }

  @GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(@RequestParam String message) {
    SseEmitter emitter = new SseEmitter(0L); // no timeout: the model decides how long
    Disposable subscription =
        chat.stream(request(message))
            .subscribe(
                chunk -> {
                  if (!chunk.text().isEmpty()) {
                    emitter.send(
                        SseEmitter.event().name("token").data(Map.of("text", chunk.text())));
                  }
                },
                error -> sendErrorAndComplete(emitter, error),
                () -> {
                  emitter.send(SseEmitter.event().name("done").data(Map.of()));
                  emitter.complete();
                });
    emitter.onCompletion(subscription::dispose);
    emitter.onError(e -> subscription.dispose());
    return emitter;
  }

  private ChatRequest request(String message) {
    return ChatRequest.builder().model(model).addUserMessage(message).build();
  }

  private static void sendErrorAndComplete(SseEmitter emitter, Throwable error) {
    try {
      emitter.send(
          SseEmitter.event()
              .name("error")
              .data(Map.of("message", String.valueOf(error.getMessage()))));
      emitter.complete();
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(error);
    }
  }
}
