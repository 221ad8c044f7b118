package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import java.io.PrintStream;

/**
 * Sends one chat message and prints the reply.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.ChatQuickstart
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.ChatQuickstart \
 *     -Dllmkit.provider=openai           # with OPENAI_API_KEY set
 * </pre>
 */
public final class ChatQuickstart {
  /** The model named in requests; the local provider answers with the model it loaded. */
  static final String MODEL = "gpt-4o-mini";

  private ChatQuickstart() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) { // llmkit.provider and its settings
      run(llm, System.out);
    }
  }

  /** Asks one question and prints the answer. */
  static void run(LlmClient llm, PrintStream out) {
    ChatRequest request =
        ChatRequest.builder()
            .model(MODEL)
            .addSystemMessage("You are a concise assistant.")
            .addUserMessage("What is the capital of France?")
            .maxCompletionTokens(64)
            .build();

    ChatResponse response = llm.chat().chat(request);

    out.println(response.text());
    response.usage().ifPresent(usage -> out.println("(" + usage.totalTokens() + " tokens)"));
  }
}
