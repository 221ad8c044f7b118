package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import io.reactivex.rxjava3.core.Single;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends several questions without blocking: {@code chatAsync} returns a cold {@code
 * Single<ChatResponse>}, and {@code Single.merge}/{@code zip} run them concurrently (the local
 * provider queues them up to its {@code max-concurrent-requests}).
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.AsyncChat
 * </pre>
 */
public final class AsyncChat {
  private AsyncChat() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, List.of("Name a prime number.", "Name a colour.", "Name a planet."));
    }
  }

  /** Asks all {@code questions} at once and prints the answers in question order. */
  static List<String> run(LlmClient llm, PrintStream out, List<String> questions) {
    List<Single<ChatResponse>> calls = new ArrayList<>();
    for (String question : questions) {
      ChatRequest request =
          ChatRequest.builder()
              .model(ChatQuickstart.MODEL)
              .addUserMessage(question)
              .maxCompletionTokens(32)
              .build();
      calls.add(llm.chat().chatAsync(request)); // nothing is sent until subscribed
    }

    List<String> answers =
        Single.zip(
                calls,
                results -> {
                  List<String> texts = new ArrayList<>();
                  for (Object result : results) {
                    texts.add(((ChatResponse) result).text());
                  }
                  return texts;
                })
            .blockingGet(); // a server would subscribe instead of blocking

    for (int i = 0; i < questions.size(); i++) {
      out.println(questions.get(i) + " -> " + answers.get(i));
    }
    return answers;
  }
}
