package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's size budgets for this module: a public API type at most 300 lines including Javadoc,
 * an implementation class at most 500. Surefire runs in the module directory.
 */
class SourceSizeBudgetTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/llmkit/local");

  private static List<String> over(Path dir, int depth, int budget) throws IOException {
    try (Stream<Path> files = Files.walk(dir, depth)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .map(
              f -> {
                try {
                  long lines = Files.readAllLines(f).size();
                  return lines > budget ? f.getFileName() + " has " + lines + " lines" : null;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .filter(s -> s != null)
          .collect(Collectors.toList());
    }
  }

  @Test
  void publicApiTypesStayWithin300Lines() throws IOException {
    assertThat(SOURCES).isDirectory();

    assertThat(over(SOURCES, 1, 300)).isEmpty();
  }

  @Test
  void internalClassesStayWithin500Lines() throws IOException {
    assertThat(over(SOURCES.resolve("internal"), Integer.MAX_VALUE, 500)).isEmpty();
  }
}
