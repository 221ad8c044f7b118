package dev.llmkit.cli;

import dev.llmkit.chat.ChatRequest;
import dev.llmkit.local.LocalChatTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code llmkit template}: prints exactly the prompt a chat template renders for an OpenAI chat
 * request body, as transformers' {@code apply_chat_template} and llama.cpp's {@code
 * /apply-template} do.
 */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description =
        "Prints the prompt a Jinja chat template renders for an OpenAI chat request body"
            + " (messages and tools), exactly: BOS included if the template writes it, no newline"
            + " added. Exits 1 with the template's message when the template raises.")
final class TemplateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(
        names = "--chat-template",
        paramLabel = "FILE.jinja",
        required = true,
        description = "A Jinja chat template file (as in tokenizer_config.json's chat_template).")
    @Nullable Path template;

    @Option(
        names = "--model",
        paramLabel = "FILE.gguf",
        required = true,
        description = "Use this GGUF model's own template and special tokens.")
    @Nullable Path model;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--bos-token",
      paramLabel = "B",
      defaultValue = "",
      description =
          "The text of the BOS token the template receives (with --chat-template). Default: empty.")
  String bosToken = "";

  @Option(
      names = "--eos-token",
      paramLabel = "E",
      defaultValue = "",
      description =
          "The text of the EOS token the template receives (with --chat-template). Default: empty.")
  String eosToken = "";

  @Option(
      names = "--no-generation-prompt",
      description = "Do not end with the header that starts the assistant's turn.")
  boolean noGenerationPrompt;

  @Option(
      names = "--request",
      paramLabel = "REQUEST.json",
      required = true,
      description =
          "An OpenAI chat completion request body; tool-call arguments are JSON strings"
              + " as on the wire and reach the template as objects. '-' reads standard input.")
  @SuppressWarnings("NullAway.Init") // required = true: picocli sets it before call()
  String request;

  @Override
  public Integer call() {
    LocalChatTemplate template;
    Path model = source.model;
    Path templateFile = source.template;
    if (model != null) {
      if (!bosToken.isEmpty() || !eosToken.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--bos-token and --eos-token go with"
                + " --chat-template; --model uses the model's own special tokens");
      }
      template = LocalChatTemplate.fromModel(model);
    } else if (templateFile != null) {
      template = LocalChatTemplate.of(read(templateFile), bosToken, eosToken);
    } else { // picocli requires one of the two (multiplicity = "1")
      throw new IllegalStateException("neither --model nor --chat-template is set");
    }
    String body = request.equals("-") ? stdin() : read(Path.of(request));
    ChatRequest chat = RequestJson.parse(body, request.equals("-") ? "standard input" : request);
    PrintWriter out = spec.commandLine().getOut();
    out.print(template.render(chat, !noGenerationPrompt));
    out.flush();
    return 0;
  }

  private String stdin() {
    try {
      return new String(LlmkitCommand.of(spec).in().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist or is not a file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
