package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import java.io.PrintStream;

/**
 * Prints a reply token by token as the model generates it. {@code stream} returns a cold {@code
 * Flowable<ChatChunk>}; {@code blockingForEach} consumes it on this thread, and disposing a
 * subscription instead would stop generation.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.StreamingChat
 * </pre>
 */
public final class StreamingChat {
  private StreamingChat() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, "Write a haiku about the sea.");
    }
  }

  /** Streams the answer to {@code prompt} onto {@code out}; returns the whole text. */
  static String run(LlmClient llm, PrintStream out, String prompt) {
    ChatRequest request =
        ChatRequest.builder()
            .model(ChatQuickstart.MODEL)
            .addUserMessage(prompt)
            .maxCompletionTokens(128)
            .build();

    StringBuilder text = new StringBuilder();
    llm.chat().stream(request)
        .blockingForEach(
            chunk -> {
              out.print(chunk.text()); // "" for chunks without content (role, finish, usage)
              out.flush();
              text.append(chunk.text());
            });
    out.println();
    return text.toString();
  }
}
