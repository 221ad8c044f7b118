package dev.llmkit.training.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmkit.training.TrainingData;
import dev.llmkit.training.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the JSONL training-data validator: any file content gives a report
 * (malformed lines are issues in it, never exceptions). The normal build runs the committed seeds
 * in {@code ValidatorFuzzTestInputs/}; see RELIABILITY.md for fuzzing for a while.
 */
class ValidatorFuzzTest {
  private static final Path FILE = tempFile();

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("llmkit-fuzz", ".jsonl");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void anyFileGivesAReport(byte[] data) throws IOException {
    Files.write(FILE, data);
    ValidationReport report = TrainingData.validate(FILE);
    assertThat(report.lines()).isNotNegative();
  }
}
