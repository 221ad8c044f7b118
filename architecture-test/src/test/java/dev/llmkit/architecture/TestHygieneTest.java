package dev.llmkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's rules for tests, over the test sources of every module: a test that sleeps says why it
 * cannot wait on a condition instead (or the sleep is the pause of a polling loop), an assumption
 * that skips a test says why and is not always true, and a {@code main} in test sources is run by
 * something (a test starting it in a child JVM, a script, or the benchmark harness), not an
 * exploratory leftover.
 */
class TestHygieneTest {
  private static final Pattern SLEEP = Pattern.compile("\\bThread\\.sleep\\(");
  private static final Pattern ASSUME = Pattern.compile("\\bassume(?:True|False|That)\\(");
  private static final Pattern MAIN = Pattern.compile("static void main\\(");
  private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)");

  /** This file: its patterns and messages name what it looks for. */
  private static final String SELF = "TestHygieneTest.java";

  /** Every test source file of the build, by path from the repository root, with its lines. */
  private static Map<String, List<String>> testSources() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    Map<String, List<String>> sources = new TreeMap<>();
    while (m.find()) {
      Path dir = Path.of("..", m.group(1), "src", "test", "java");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .forEach(f -> sources.put(Path.of("..").relativize(f).toString(), lines(f)));
      }
    }
    return sources;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everySleepSaysWhyOrPacesAPollingLoop() throws IOException {
    Map<String, List<String>> sources = testSources();
    List<String> unexplained = new ArrayList<>();
    int sleeps = 0;
    for (Map.Entry<String, List<String>> source : sources.entrySet()) {
      if (source.getKey().endsWith(SELF)) {
        continue;
      }
      List<String> lines = source.getValue();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!SLEEP.matcher(line).find()) {
          continue;
        }
        sleeps++;
        String before = previousCode(lines, i);
        boolean polling =
            before.contains("while (") || before.contains("try {") && loopAbove(lines, i);
        boolean explained = line.contains("//") || previousLine(lines, i).trim().startsWith("//");
        if (!polling && !explained) {
          unexplained.add(source.getKey() + ":" + (i + 1) + ": " + line.trim());
        }
      }
    }
    assertThat(sleeps).as("sleeps found (the scan works)").isPositive();
    assertThat(unexplained)
        .as(
            "a test sleep waits on a condition instead (dev.llmkit.testing.Await, a latch, a"
                + " TestSubscriber await), or a comment on it says why it cannot")
        .isEmpty();
  }

  @Test
  void everyAssumptionSaysWhyAndCanFail() throws IOException {
    List<String> bad = new ArrayList<>();
    int assumptions = 0;
    for (Map.Entry<String, List<String>> source : testSources().entrySet()) {
      if (source.getKey().endsWith(SELF)) {
        continue;
      }
      String text = String.join("\n", source.getValue());
      Matcher m = ASSUME.matcher(text);
      while (m.find()) {
        if (text.startsWith("import", text.lastIndexOf('\n', m.start()) + 1)) {
          continue;
        }
        assumptions++;
        int end = text.indexOf(';', m.end());
        String call =
            text.substring(m.start(), end < 0 ? text.length() : end).replaceAll("\\s+", " ");
        boolean saysWhy = call.contains("\"") || call.contains(".as(");
        boolean constant =
            call.startsWith("assumeTrue(true") || call.startsWith("assumeFalse(false");
        if (!saysWhy || constant) {
          bad.add(source.getKey() + ": " + call);
        }
      }
    }
    assertThat(assumptions).as("assumptions found (the scan works)").isPositive();
    assertThat(bad)
        .as("an assumption names why the test is skipped and is not always true")
        .isEmpty();
  }

  @Test
  void everyMainInTestSourcesIsRunBySomething() throws IOException {
    Map<String, List<String>> sources = testSources();
    String all =
        scripts()
            + "\n"
            + sources.values().stream()
                .map(l -> String.join("\n", l))
                .collect(Collectors.joining("\n"));
    List<String> unused = new ArrayList<>();
    int mains = 0;
    for (Map.Entry<String, List<String>> source : sources.entrySet()) {
      String path = source.getKey();
      if (path.contains("/bench/")) {
        continue; // the benchmark harness starts the bench package's mains by name
      }
      String text = String.join("\n", source.getValue());
      Matcher main = MAIN.matcher(text);
      while (main.find()) {
        mains++;
        Matcher declaring = CLASS.matcher(text.substring(0, main.start()));
        String name = "";
        while (declaring.find()) {
          name = declaring.group(1); // the nearest class declared above the main
        }
        Pattern use =
            Pattern.compile("\\b" + name + "(?:\\.class\\b|\\.main\\()|[.$]" + name + "\\b");
        if (name.isEmpty() || !use.matcher(all).find()) {
          unused.add(path + ": " + name);
        }
      }
    }
    assertThat(mains).as("mains found (the scan works)").isPositive();
    assertThat(unused)
        .as("a main in test sources is started by a test, a script or the benchmark harness")
        .isEmpty();
  }

  private static String previousLine(List<String> lines, int i) {
    return i > 0 ? lines.get(i - 1) : "";
  }

  /** The nearest non-blank line above line i. */
  private static String previousCode(List<String> lines, int i) {
    for (int k = i - 1; k >= 0; k--) {
      if (!lines.get(k).isBlank()) {
        return lines.get(k);
      }
    }
    return "";
  }

  /** Whether a {@code while (} opens within the three lines above line i (a sleep in a try). */
  private static boolean loopAbove(List<String> lines, int i) {
    for (int k = Math.max(0, i - 3); k < i; k++) {
      if (lines.get(k).contains("while (")) {
        return true;
      }
    }
    return false;
  }

  /** The shell scripts of the repository, concatenated (they start some test mains). */
  private static String scripts() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(".."), 4)) {
      return files
          .filter(f -> f.toString().endsWith(".sh"))
          .filter(
              f -> !f.toString().contains("/target/") && !f.toString().contains("/node_modules/"))
          .map(TestHygieneTest::lines)
          .map(l -> String.join("\n", l))
          .collect(Collectors.joining("\n"));
    }
  }
}
