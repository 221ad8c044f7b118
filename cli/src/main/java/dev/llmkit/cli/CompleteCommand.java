package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.completion.CompletionRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmkit complete}: continues a prompt and prints exactly the generated text. */
@Command(
    name = "complete",
    mixinStandardHelpOptions = true,
    description = {
      "Continues PROMPT (text completion) and prints exactly the generated text.",
      "Example: llmkit complete --model stories260K.gguf --temperature 0 --max-tokens 32"
          + " \"Once upon a time\""
    })
final class CompleteCommand implements Callable<Integer> {
  static final String DEFAULT_MODEL = "gpt-3.5-turbo-instruct";

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin SamplingOptions sampling;

  @Option(names = "--stream", description = "Print the text as it is generated.")
  boolean stream;

  @Parameters(
      arity = "1..*",
      paramLabel = "PROMPT",
      description = "The prompt (several words are joined with spaces).")
  List<String> prompt;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LlmClient llm = client.openClient()) {
      CompletionRequest request =
          sampling
              .apply(
                  CompletionRequest.builder()
                      .model(client.requestModel(DEFAULT_MODEL))
                      .prompt(String.join(" ", prompt)))
              .build();
      if (stream) {
        llm.completions().stream(request).blockingForEach(chunk -> Output.raw(out, chunk.text()));
      } else {
        Output.raw(out, llm.completions().complete(request).text());
      }
      Output.endOfReply(out, LlmkitCommand.of(spec).console());
      return 0;
    }
  }
}
