package dev.llmkit.cli;

import dev.llmkit.LlmApiException;
import dev.llmkit.LlmException;
import dev.llmkit.ModelLoadException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and an exit code: 1 for provider and
 * I/O failures, 2 for bad arguments and configuration (a model file that is missing or no GGUF
 * model included). The stack trace follows only with {@code --debug}; configured API keys, and the
 * values of key-like options on the command line (see {@link ArgSecrets}), are replaced by {@code
 * ***} either way.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int API_ERROR = 1;
  static final int USAGE_ERROR = 2;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    LlmkitCommand root = LlmkitCommand.of(cli.getCommandSpec());
    ArgSecrets.of(parsed.originalArgs()).forEach(root::secret);
    PrintWriter err = cli.getErr();
    String line = describe(ex, root).replaceAll("\\s*\\R\\s*", " ");
    err.println(printable(root.redact("llmkit: " + line)));
    if (debug(parsed)) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(printable(root.redact(trace.toString())));
    }
    err.flush();
    return exitCode(ex);
  }

  /** A bad command line: one line naming the problem and where help is, exit code 2. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    LlmkitCommand root = LlmkitCommand.of(cli.getCommandSpec());
    ArgSecrets.of(java.util.Arrays.asList(args)).forEach(root::secret);
    cli.getErr()
        .println(
            root.redact(
                "llmkit: "
                    + String.valueOf(ex.getMessage()).replaceAll("\\s*\\R\\s*", " ")
                    + " (see '"
                    + cli.getCommandSpec().qualifiedName()
                    + " --help')"));
    cli.getErr().flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** {@link #describe(Throwable)} plus what a command line user can do about it. */
  static String describe(Throwable ex, LlmkitCommand root) {
    String line = describe(ex);
    String url = root.apiBaseUrl();
    if (ex instanceof LlmApiException api
        && api.statusCode() == 404
        && url != null
        && !url.strip().replaceAll("/+$", "").endsWith("/v1")
        && api.errorCode().filter("model_not_found"::equals).isEmpty()) {
      line +=
          " (the base URL "
              + url.strip()
              + " does not end in /v1, where OpenAI-compatible"
              + " servers usually serve the API; try --base-url "
              + url.strip().replaceAll("/+$", "")
              + "/v1)";
    }
    if (ex instanceof LlmApiException api
        && api.errorCode().filter("context_length_exceeded"::equals).isPresent()) {
      line += " (in a chat, /reset starts the conversation over)";
    }
    return line;
  }

  /**
   * {@code text} with control characters other than line breaks and tabs, and bidirectional-text
   * controls, shown as {@code \}{@code uXXXX}: a message can carry bytes of a hostile model file or
   * server reply, which must not move the cursor or clear the terminal.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control =
          c < 0x20 && c != '\n' && c != '\t' && c != '\r'
              || c >= 0x7F && c <= 0x9F
              || c >= 0x202A && c <= 0x202E
              || c >= 0x2066 && c <= 0x2069;
      out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  static String describe(Throwable ex) {
    if (ex instanceof LlmApiException api) {
      StringBuilder line =
          new StringBuilder().append(api.provider()).append(" API error ").append(api.statusCode());
      api.errorCode().or(api::errorType).ifPresent(code -> line.append(' ').append(code));
      api.requestId().ifPresent(id -> line.append(" (request ").append(id).append(')'));
      if (!api.serverMessage().isBlank()) {
        line.append(": ").append(api.serverMessage().strip());
      }
      return line.toString();
    }
    if (ex instanceof LlmException
        || ex instanceof IllegalArgumentException
        || ex instanceof IllegalStateException) {
      return String.valueOf(ex.getMessage());
    }
    if (ex instanceof UncheckedIOException io && io.getCause() != null) {
      return io.getMessage() + ": " + io.getCause().getMessage();
    }
    String message = ex.getMessage();
    return ex.getClass().getSimpleName() + (message != null ? ": " + message : "");
  }

  /**
   * 2 for a bad argument or setting, including a model the settings name that does not exist or is
   * no usable GGUF file ({@link ModelLoadException}); 1 for what failed at run time.
   */
  static int exitCode(Throwable ex) {
    return ex instanceof IllegalArgumentException
            || ex instanceof IllegalStateException
            || ex instanceof ModelLoadException
        ? USAGE_ERROR
        : API_ERROR;
  }

  private static boolean debug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
