package dev.llmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VectorRelaunchTest {
  private static final String JAVA_HOME = System.getProperty("java.home");

  private static Optional<List<String>> command(
      boolean inBootLayer, boolean inJdk, String relaunch, String vector) {
    return VectorRelaunch.command(
        new String[] {"chat", "--model", "m.gguf", "hi there"},
        inBootLayer,
        inJdk,
        relaunch,
        vector,
        JAVA_HOME,
        List.of("-Xmx1g", "-Dx=y"),
        "/opt/llmkit.jar");
  }

  @Test
  void withoutTheModuleTheCliRunsItselfWithTheModuleAndTheSameArguments() {
    List<String> cmd = command(false, true, "true", "true").orElseThrow();

    assertThat(cmd.get(0)).startsWith(JAVA_HOME).contains("java");
    assertThat(cmd.subList(1, cmd.size()))
        .containsExactly(
            "--add-modules",
            "jdk.incubator.vector",
            "-Xmx1g",
            "-Dx=y",
            "-Dllmkit.cli.relaunch=false",
            "-cp",
            "/opt/llmkit.jar",
            "dev.llmkit.cli.Main",
            "chat",
            "--model",
            "m.gguf",
            "hi there");
  }

  @Test
  void noRelaunchWhenTheModuleIsThereOrMissingFromTheJdkOrTurnedOff() {
    assertThat(command(true, true, "true", "true")).isEmpty();
    assertThat(command(false, false, "true", "true")).isEmpty();
    assertThat(command(false, true, "false", "true")).isEmpty();
    assertThat(command(false, true, "true", " FALSE")).isEmpty();
  }

  @Test
  void theRelaunchedCliRunsWithTheVectorApi() throws Exception {
    // The command as built for a JVM without the module, run for real: the child has it.
    List<String> cmd =
        VectorRelaunch.command(
                new String[] {"--version"},
                false,
                true,
                "true",
                "true",
                JAVA_HOME,
                List.of("-Xmx64m"),
                System.getProperty("java.class.path"))
            .orElseThrow();
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.waitFor()).as(out).isZero();
    assertThat(out).contains("Vector API: on (jdk.incubator.vector)");
  }
}
