package dev.llmkit.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test class's {@code main} in a fresh JVM (a cold start), on this test's class path. */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code -Xmx256m}, the Vector API module when {@code vectorModule}, the
   * given JVM options and program arguments; asserts that it ends within two minutes with exit code
   * 0 and returns what it printed (standard output and error together).
   */
  public static String run(
      boolean vectorModule, List<String> jvmOptions, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    if (vectorModule) {
      cmd.add("--add-modules");
      cmd.add("jdk.incubator.vector");
    }
    cmd.add("-Xmx256m");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("child finished: %s", out).isTrue();
    assertThat(p.exitValue()).as("child exit: %s", out).isZero();
    return out;
  }
}
