package dev.llmkit.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's size budgets for this module: a public API type at most 300 lines including Javadoc,
 * an implementation class at most 500. {@link OpenAiClient} gets the implementation budget: its
 * public nested {@code Builder} is API and cannot move out, so its logic lives in internal helpers
 * instead. Surefire runs in the module directory.
 */
class SourceSizeBudgetTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/llmkit/openai");

  private static List<String> over(Path dir, int depth, int budget, String... exempt)
      throws IOException {
    List<String> skip = List.of(exempt);
    try (Stream<Path> files = Files.walk(dir, depth)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !skip.contains(f.getFileName().toString()))
          .map(
              f -> {
                try {
                  long lines = Files.readAllLines(f).size();
                  return lines > budget ? f.getFileName() + " has " + lines + " lines" : null;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .filter(Objects::nonNull)
          .toList();
    }
  }

  @Test
  void publicApiTypesStayWithin300Lines() throws IOException {
    assertThat(SOURCES).isDirectory();

    assertThat(over(SOURCES, 1, 300, "OpenAiClient.java")).isEmpty();
  }

  @Test
  void clientStaysWithin500Lines() throws IOException {
    assertThat(over(SOURCES, 1, 500)).isEmpty();
  }

  @Test
  void internalClassesStayWithin500Lines() throws IOException {
    assertThat(over(SOURCES.resolve("internal"), Integer.MAX_VALUE, 500)).isEmpty();
  }
}
