package dev.llmkit.local.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the GGUF reader and what a load reads from it (hyper-parameters,
 * tokenizer): any bytes either open or fail with {@link ModelLoadException}; anything else
 * (NullPointerException, ArrayIndexOutOfBoundsException, OutOfMemoryError, a hang) is a finding.
 * The normal build runs the committed seeds in {@code GgufFuzzTestInputs/}; see RELIABILITY.md for
 * fuzzing for a while.
 */
class GgufFuzzTest {
  private static final Path FILE = tempFile();

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("llmkit-fuzz", ".gguf");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void anyBytesOpenOrFailWithModelLoadException(byte[] data) throws IOException {
    Files.write(FILE, data);
    try (GgufFile file = GgufFile.open(FILE)) {
      try {
        LlamaConfig.from(file);
      } catch (ModelLoadException expected) {
        // a file that is no decoder model
      }
      try {
        Tokenizer.fromMetadata(file.metadata()).encode("Hello <s> world", true, true);
      } catch (ModelLoadException expected) {
        // a file without a usable tokenizer
      }
    } catch (ModelLoadException expected) {
      // not a readable GGUF file
    }
  }
}
