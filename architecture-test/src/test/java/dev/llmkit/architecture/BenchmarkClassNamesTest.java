package dev.llmkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks are started by class name: from the commands in BENCHMARKS.md, README.md,
 * RELIABILITY.md and the scripts, and by the benchmarks module's {@code BenchMain}, which starts
 * sdk-local's benchmarks ({@code dev.llmkit.local.bench}, in sdk-local's test sources) in child
 * JVMs without compiling against them. A class moved or renamed would break those commands only at
 * run time; here every such name must be a compiled class of the benchmarks module or of
 * sdk-local's tests.
 */
class BenchmarkClassNamesTest {
  private static final Pattern NAME =
      Pattern.compile("dev\\.llmkit\\.(?:benchmarks|local\\.bench)(?:\\.[a-z_0-9]+)*\\.[A-Z]\\w*");

  private static final Path ROOT = Path.of("..");

  /** Where the named classes are compiled to. */
  private static final List<Path> CLASSES =
      List.of(
          ROOT.resolve("benchmarks/target/classes"), ROOT.resolve("sdk-local/target/test-classes"));

  /** The documents and sources that name benchmark classes. */
  private static List<Path> namingFiles() throws IOException {
    List<Path> files =
        new java.util.ArrayList<>(
            Stream.of("BENCHMARKS.md", "README.md", "RELIABILITY.md").map(ROOT::resolve).toList());
    for (String dir : List.of("benchmarks", "benchmarks/llama-cpp")) {
      try (Stream<Path> scripts = Files.list(ROOT.resolve(dir))) {
        scripts.filter(f -> f.toString().endsWith(".sh")).forEach(files::add);
      }
    }
    try (Stream<Path> sources = Files.walk(ROOT.resolve("benchmarks/src/main/java"))) {
      sources.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
    }
    return files;
  }

  static Set<String> namedClasses(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static boolean compiled(String className) {
    String file = className.replace('.', '/') + ".class";
    return CLASSES.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(file)));
  }

  @Test
  void everyBenchmarkClassNamedInDocsScriptsAndBenchMainExists() throws IOException {
    CLASSES.forEach(
        dir -> assertThat(dir).as("compiled classes (build the modules first)").isDirectory());
    Set<String> missing = new TreeSet<>();
    Set<String> named = new TreeSet<>();

    for (Path file : namingFiles()) {
      for (String name : namedClasses(Files.readString(file))) {
        named.add(name);
        if (!compiled(name)) {
          missing.add(name + " (named in " + ROOT.relativize(file) + ")");
        }
      }
    }

    assertThat(named)
        .as("BenchMain starts these by name")
        .contains("dev.llmkit.local.bench.LlmkitBench", "dev.llmkit.local.bench.PromptFile");
    assertThat(missing).isEmpty();
  }

  @Test
  void aMovedClassIsReportedMissing() {
    Set<String> named =
        namedClasses(
            "java -cp benchmarks/target/benchmarks.jar dev.llmkit.benchmarks.MatVecBench --type"
                + " Q8_0; `dev.llmkit.benchmarks.*` is a package");

    assertThat(named).containsExactly("dev.llmkit.benchmarks.MatVecBench");
    assertThat(compiled("dev.llmkit.benchmarks.MatVecBench")).isFalse();
    assertThat(compiled("dev.llmkit.local.bench.MatVecBench")).isTrue();
  }
}
