package dev.llmkit.cli;

import java.io.InputStream;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar llmkit.jar}. Exits with 0 on success, 1 when the provider or I/O
 * failed, 2 on a usage or configuration error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Without jdk.incubator.vector, run in a child JVM that has it (the fast local engine).
    java.util.Optional<Integer> relaunched = VectorRelaunch.run(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.get());
    }
    if (java.util.Arrays.asList(args).contains("--debug")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    } else {
      // Library INFO logs (kernel selection, downloads) would mix with the command's output.
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
    CommandLine cli = commandLine(System.in, ConfigSources.ofProcess(), System.console() != null);
    System.exit(cli.execute(args));
  }

  /** Builds the command tree; tests call this with their own input and settings. */
  static CommandLine commandLine(InputStream in, ConfigSources sources, boolean console) {
    // picocli's tracer writes straight to System.err, past ErrorHandler's redaction, and quotes
    // argument values verbatim (a WARNING about unbalanced quotes in a -D header value, every
    // option value at -Dpicocli.trace=DEBUG): everything the command prints goes through the
    // redaction, so the tracer stays off.
    CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
    CommandLine cli = new CommandLine(new LlmkitCommand(in, sources, console));
    ErrorHandler errors = new ErrorHandler();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    order(cli, "models", "list", "pull", "rm");
    order(cli, "files", "upload", "list", "get", "content", "rm");
    order(cli, "fine-tune", "validate", "create", "get", "list", "events", "cancel", "wait");
    return cli;
  }

  /** Lists method subcommands in workflow order; reflection returns them in any order. */
  private static void order(CommandLine root, String command, String... names) {
    CommandLine parent = Objects.requireNonNull(root.getSubcommands().get(command), command);
    for (String name : names) {
      CommandLine sub = parent.getSubcommands().get(name);
      parent.getCommandSpec().removeSubcommand(name);
      parent.getCommandSpec().addSubcommand(name, sub);
    }
  }
}
