package dev.llmkit.local.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmkit.LlmException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the GGUF reader and of a whole model load: any bytes either open or
 * fail with {@link ModelLoadException}, read as hyper-parameters and a tokenizer or fail so, and
 * through {@link LocalClient} either load and generate two tokens or fail with a typed {@link
 * LlmException} (a {@link ModelLoadException} at load) whose message is bounded and free of control
 * characters. Anything else (NullPointerException, ArrayIndexOutOfBoundsException,
 * OutOfMemoryError, a hang past the per-input limit) is a finding. The normal build runs the
 * committed seeds in {@code GgufFuzzTestInputs/}, among them issue 15's reproducers; see
 * RELIABILITY.md for fuzzing for a while.
 */
class GgufFuzzTest {
  private static final Path FILE = tempFile();
  private static final CompletionRequest PROMPT =
      CompletionRequest.builder()
          .model("local")
          .prompt("Once upon a time")
          .maxTokens(2)
          .temperature(0.0)
          .build();

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("llmkit-fuzz", ".gguf");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
      return;
    }
    LocalClient client;
    try {
      client = LocalClient.builder().model(FILE).threads(1).contextSize(64).build();
    } catch (ModelLoadException expected) {
      checkMessage(expected);
      return;
    }
    try (client) {
      client.completions().complete(PROMPT);
    } catch (LlmException expected) { // e.g. a prompt longer than a tiny context: a 400
      checkMessage(expected);
    }
  }

  private static void checkMessage(LlmException e) {
    String message = String.valueOf(e.getMessage());
    if (message.length() > 4_000
        || message.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7F)) {
      throw new AssertionError("unbounded or raw message: " + message, e);
    }
  }
}
