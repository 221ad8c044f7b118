package dev.llmkit.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Makes {@code java -jar llmkit.jar} use the local engine's Vector API kernels without a flag. A
 * jar manifest cannot add a module to the boot layer, so when the JVM was started without {@code
 * jdk.incubator.vector} the CLI starts itself once more, in a child JVM with {@code --add-modules
 * jdk.incubator.vector} and the same JVM options, class path and arguments, and exits with the
 * child's status. Standard input, output and error are the parent's.
 *
 * <p>No relaunch when the module is already there, when the JDK has no such module (a jlink image
 * without it), when {@code -Dllmkit.local.vector=false} asks for the scalar kernels anyway, or with
 * {@code -Dllmkit.cli.relaunch=false} (which the child gets, so it never loops).
 */
final class VectorRelaunch {
  static final String MODULE = "jdk.incubator.vector";
  static final String PROPERTY = "llmkit.cli.relaunch";

  private VectorRelaunch() {}

  /** The child's command line, or empty when this JVM should run the command itself. */
  static Optional<List<String>> command(
      String[] args,
      boolean moduleInBootLayer,
      boolean moduleInJdk,
      String relaunchProperty,
      String vectorProperty,
      String javaHome,
      List<String> jvmArguments,
      String classPath) {
    if (moduleInBootLayer
        || !moduleInJdk
        || "false".equalsIgnoreCase(relaunchProperty.trim())
        || "false".equalsIgnoreCase(vectorProperty.trim())
        || classPath.isEmpty()) {
      return Optional.empty();
    }
    Path java = Path.of(javaHome, "bin", isWindows() ? "java.exe" : "java");
    if (!Files.isExecutable(java)) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("--add-modules");
    cmd.add(MODULE);
    cmd.addAll(jvmArguments);
    cmd.add("-D" + PROPERTY + "=false");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(Main.class.getName());
    cmd.addAll(Arrays.asList(args));
    return Optional.of(cmd);
  }

  /** {@link #command} for this JVM. */
  static Optional<List<String>> command(String[] args) {
    return command(
        args,
        ModuleLayer.boot().findModule(MODULE).isPresent(),
        ModuleFinder.ofSystem().find(MODULE).isPresent(),
        System.getProperty(PROPERTY, "true"),
        System.getProperty("llmkit.local.vector", "true"),
        System.getProperty("java.home"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.class.path", ""));
  }

  /**
   * Runs the command in a child JVM when {@link #command} says so and returns its exit status;
   * empty when this JVM should run the command (also when the child could not be started).
   */
  static Optional<Integer> run(String[] args) {
    Optional<List<String>> cmd = command(args);
    if (cmd.isEmpty()) {
      return Optional.empty();
    }
    Process child;
    try {
      child = new ProcessBuilder(cmd.get()).inheritIO().start();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    // Ctrl-C reaches both JVMs; if only this one is stopped, do not leave the child running.
    Thread stopChild = new Thread(child::destroy, "llmkit-relaunch-stop");
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      int status = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stopChild);
      return Optional.of(status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroy();
      return Optional.of(130);
    } catch (IllegalStateException e) { // shutdown in progress: the hook stops the child
      return Optional.of(130);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }
}
