package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmkit moderate}: classifies text and prints whether and why it is flagged. */
@Command(
    name = "moderate",
    mixinStandardHelpOptions = true,
    description =
        "Checks TEXT with the provider's moderation model. Prints 'flagged' or"
            + " 'not flagged', then each flagged category with its score. With the local provider"
            + " --model is the guard GGUF (Llama Guard 3) unless llmkit.local.moderation-model is"
            + " set; no chat model is needed.")
final class ModerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(
      arity = "1..*",
      paramLabel = "TEXT",
      description = "The text (several words are joined with spaces).")
  List<String> text;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LlmClient llm = client.openClient(ClientOptions.LocalModel.MODERATION)) {
      ModerationRequest request =
          ModerationRequest.builder()
              .model(client.requestModel(ModerationRequest.DEFAULT_MODEL))
              .input(String.join(" ", text))
              .build();
      ModerationResponse response = llm.moderation().moderate(request);
      out.println(response.flagged() ? "flagged" : "not flagged");
      for (ModerationResult result : response.results()) {
        for (ModerationCategory category : result.flaggedCategories()) {
          out.println(
              String.format(
                  Locale.ROOT,
                  "%-24s %.4f",
                  category.value(),
                  result.score(category).orElse(Double.NaN)));
        }
      }
      out.flush();
      return 0;
    }
  }
}
