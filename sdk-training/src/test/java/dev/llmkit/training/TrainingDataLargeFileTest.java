package dev.llmkit.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataLargeFileTest {
  private static final int LINES = 100_000;

  @Test
  void hundredThousandLinesValidateQuicklyInOnePass(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 1; i <= LINES; i++) {
        if (i % 10_000 == 0) {
          w.write("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"); // no assistant
        } else if (i % 1_000 == 0) {
          w.write(Jsonl.chat("Question 1?"));
        } else {
          w.write(
              "{\"messages\":[{\"role\":\"system\",\"content\":\"You answer briefly.\"},"
                  + "{\"role\":\"user\",\"content\":\"What is "
                  + i
                  + " plus "
                  + i
                  + "?\"},"
                  + "{\"role\":\"assistant\",\"content\":\""
                  + (2L * i)
                  + "\"}]}");
        }
        w.write('\n');
      }
      // line 100_000 is a multiple of 10_000: the last line lacks an assistant message
    }
    Files.writeString(
        file, Jsonl.chat("Question 1?") + "\n", java.nio.file.StandardOpenOption.APPEND);

    long start = System.nanoTime();
    ValidationReport report = TrainingData.validate(file);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    assertThat(seconds).isLessThan(30);
    assertThat(report.lines()).isEqualTo(LINES + 1);
    assertThat(report.examples()).isEqualTo(LINES + 1);
    assertThat(report.errorCount()).isEqualTo(10); // lines 10_000, 20_000, ... 100_000
    assertThat(report.issues())
        .filteredOn(ValidationIssue::isError)
        .extracting(ValidationIssue::line)
        .containsExactly(
            10_000L, 20_000L, 30_000L, 40_000L, 50_000L, 60_000L, 70_000L, 80_000L, 90_000L,
            100_000L);
    // 90 lines at multiples of 1_000 (not of 10_000) and the appended last line repeat one
    // example: 90 duplicates of line 1_000. The 10 lines without an assistant message repeat
    // another: 9 duplicates of line 10_000.
    assertThat(report.duplicates()).isEqualTo(99);
    assertThat(report.issuesAt(LINES + 1))
        .extracting(ValidationIssue::message)
        .containsExactly("the same example as line 1000");
    assertThat(report.validExamples()).isEqualTo(LINES + 1 - 10);
    assertThat(report.messages()).isEqualTo((LINES - 100) * 3L + 90 * 2 + 10 + 2);
    assertThat(report.totalTokens()).isGreaterThan(report.examples() * 13);
  }
}
