package dev.llmkit.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files of the shared test models: in {@code $LLMKIT_SHARED_MODELS}, else {@code
 * ../shared/models} next to the repository. Skips the test when the folder is absent and the
 * variable unset; fails when the variable is set and the file is missing.
 */
final class SharedModels {
  private SharedModels() {}

  static Path resolve(String relative) {
    String env = System.getenv("LLMKIT_SHARED_MODELS");
    // A relative value, like the default, is relative to the repository root (the module's parent).
    Path repoRoot = Path.of("").toAbsolutePath().getParent();
    Path root =
        repoRoot.resolve(env != null && !env.isBlank() ? env : "../shared/models").normalize();
    Path file = root.resolve(relative);
    if (env == null || env.isBlank()) {
      assumeTrue(
          Files.isDirectory(root),
          "shared models folder " + root + " is absent and LLMKIT_SHARED_MODELS is unset");
    }
    if (!Files.isRegularFile(file)) {
      fail("shared model file " + file + " is missing");
    }
    return file;
  }
}
