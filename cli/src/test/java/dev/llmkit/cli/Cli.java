package dev.llmkit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the llmkit command in-process with captured stdout/stderr and a controlled environment. */
final class Cli {
  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  /** Runs with an empty environment, no system properties and no llmkit.properties. */
  static Result run(String... args) {
    return run(Map.of(), "", args);
  }

  static Result run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ConfigSources sources = new ConfigSources(Map.of(), env, emptyDir());
    CommandLine cli =
        Main.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sources, false);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static String golden(String name) {
    try (var in = Cli.class.getResourceAsStream("/golden/openai/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path emptyDir() {
    try {
      return Files.createTempDirectory("llmkit-cli-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
