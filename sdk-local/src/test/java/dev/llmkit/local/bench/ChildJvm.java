package dev.llmkit.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The start of a command that runs a benchmark's child in a fresh JVM like this one. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * This JVM's {@code java} with the Vector API module and {@code --jvm-args} (or {@code
   * defaultJvmArgs} when not given), split at spaces; the caller adds the class path and main
   * class.
   */
  static List<String> command(Args args, String defaultJvmArgs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector"));
    for (String a : args.get("jvm-args", defaultJvmArgs).trim().split("\\s+")) {
      if (!a.isEmpty()) {
        cmd.add(a);
      }
    }
    return cmd;
  }
}
