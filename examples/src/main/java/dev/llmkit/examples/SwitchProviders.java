package dev.llmkit.examples;

import dev.llmkit.Capability;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import java.io.PrintStream;

/**
 * The same code on any provider: the provider comes from configuration ({@code llmkit.provider} as
 * a system property, the {@code LLMKIT_PROVIDER} variable or {@code llmkit.properties}), and
 * capabilities are checked instead of assumed.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.SwitchProviders \
 *     -Dllmkit.provider=local -Dllmkit.local.model=/path/to/model.gguf
 * LLMKIT_PROVIDER=openai OPENAI_API_KEY=sk-... mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.llmkit.examples.SwitchProviders
 * </pre>
 */
public final class SwitchProviders {
  private SwitchProviders() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out);
    }
  }

  /** Describes the provider and chats with it; returns the reply. */
  static String run(LlmClient llm, PrintStream out) {
    out.println("provider: " + llm.provider());
    for (Capability capability : Capability.values()) {
      out.println("  " + capability + ": " + (llm.supports(capability) ? "yes" : "no"));
    }

    String reply =
        llm.chat()
            .chat(
                ChatRequest.builder()
                    .model(ChatQuickstart.MODEL)
                    .addUserMessage("Say hello in French.")
                    .maxCompletionTokens(32)
                    .build())
            .text();

    out.println("reply: " + reply);
    return reply;
  }
}
