package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.LlmException;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmkit chat}: one turn when a MESSAGE is given (only the reply goes to stdout), else an
 * interactive, streaming, multi-turn conversation read from stdin. With {@code --json-schema} or
 * {@code --tool}, the reply is JSON: the document, or the tool calls in OpenAI's shape.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Chats with a model.",
      "With MESSAGE: runs one turn and prints only the reply. Without: an interactive,"
          + " streaming conversation; /reset forgets it, /exit (or end of input) quits."
    })
final class ChatCommand implements Callable<Integer> {
  static final String DEFAULT_MODEL = "gpt-4o-mini";

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin SamplingOptions sampling;
  @Mixin StructuredOptions structured;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message.")
  @Nullable String system;

  @Option(names = "--stream", description = "Print the reply as it is generated.")
  boolean stream;

  @Parameters(
      arity = "0..*",
      paramLabel = "MESSAGE",
      description = "The user message (several words are joined with spaces).")
  List<String> message = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    LlmkitCommand root = LlmkitCommand.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (LlmClient llm = client.openClient()) {
      ChatService chat = llm.chat();
      List<ChatMessage> history = new ArrayList<>();
      if (system != null) {
        history.add(ChatMessage.system(system));
      }
      if (!message.isEmpty()) {
        history.add(ChatMessage.user(String.join(" ", message)));
        reply(chat, history, stream, out);
        Output.endOfReply(out, root.console());
        return 0;
      }
      repl(chat, history, root, out);
      return 0;
    }
  }

  private void repl(
      ChatService chat, List<ChatMessage> history, LlmkitCommand root, PrintWriter out)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    int keep = history.size();
    err.println(
        "Chatting with "
            + client.providerId()
            + " model "
            + client.requestModel(DEFAULT_MODEL)
            + ". /reset forgets the conversation, /exit quits.");
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
    while (true) {
      err.print("> ");
      err.flush();
      String line = lines.readLine();
      if (line == null || line.strip().equals("/exit")) {
        return;
      }
      if (line.strip().equals("/reset")) {
        history.subList(keep, history.size()).clear();
        err.println("(conversation reset)");
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      history.add(ChatMessage.user(line));
      try {
        String answer = reply(chat, history, true, out);
        history.add(ChatMessage.assistant(answer));
      } catch (LlmException e) { // report, forget the failed turn, keep the conversation
        history.remove(history.size() - 1);
        err.println(root.redact("llmkit: " + ErrorHandler.describe(e, root)));
      }
      out.println();
      out.flush();
    }
  }

  private String reply(
      ChatService chat, List<ChatMessage> history, boolean streaming, PrintWriter out)
      throws IOException {
    ChatRequest request =
        structured
            .apply(
                sampling.apply(
                    ChatRequest.builder()
                        .model(client.requestModel(DEFAULT_MODEL))
                        .messages(history)))
            .build();
    if (!streaming || structured.active()) { // JSON is printed whole
      String text = StructuredOptions.printed(chat.chat(request));
      Output.raw(out, text);
      return text;
    }
    StringBuilder text = new StringBuilder();
    chat.stream(request)
        .blockingForEach(
            chunk -> {
              String piece = chunk.text();
              if (!piece.isEmpty()) {
                text.append(piece);
                Output.raw(out, piece);
              }
            });
    return text.toString();
  }
}
