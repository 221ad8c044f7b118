package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Checks user text with the provider's moderation model before passing it on, and prints the
 * categories it was flagged for with their scores. Needs OpenAI.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.llmkit.examples.ModerationExample -Dllmkit.provider=openai
 * </pre>
 */
public final class ModerationExample {
  private ModerationExample() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, "I will hurt you if you come here again.");
    }
  }

  /** Returns whether {@code text} was flagged. */
  static boolean run(LlmClient llm, PrintStream out, String text) {
    ModerationResponse response = llm.moderation().moderate(text); // omni-moderation-latest

    out.println(response.flagged() ? "flagged" : "not flagged");
    for (ModerationResult result : response.results()) {
      for (ModerationCategory category : result.flaggedCategories()) {
        out.printf(
            Locale.ROOT,
            "  %-24s %.3f%n",
            category.value(),
            result.score(category).orElse(Double.NaN));
      }
    }
    return response.flagged();
  }
}
