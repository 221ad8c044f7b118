package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a conversation: every request carries the messages so far, and each reply is appended as an
 * assistant message, so the model can refer back to earlier turns.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.llmkit.examples.MultiTurnConversation
 * </pre>
 */
public final class MultiTurnConversation {
  private MultiTurnConversation() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(
          llm,
          System.out,
          List.of(
              "My name is Ada. Suggest a name for my cat.",
              "Why did you pick that name? Use my name in the answer."));
    }
  }

  /** Asks {@code questions} in order within one conversation and prints each exchange. */
  static List<ChatMessage> run(LlmClient llm, PrintStream out, List<String> questions) {
    List<ChatMessage> history = new ArrayList<>();
    history.add(ChatMessage.system("You are a friendly assistant. Answer in one sentence."));
    for (String question : questions) {
      history.add(ChatMessage.user(question));
      ChatRequest request =
          ChatRequest.builder()
              .model(ChatQuickstart.MODEL)
              .messages(history)
              .maxCompletionTokens(96)
              .build();

      String answer = llm.chat().chat(request).text();

      history.add(ChatMessage.assistant(answer));
      out.println("you> " + question);
      out.println("bot> " + answer);
    }
    return history;
  }
}
