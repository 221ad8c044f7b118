package dev.llmkit.local.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds files of the shared test models folder ({@code /work/shared/models} layout).
 *
 * <p>The folder is named by the environment variable {@code LLMKIT_SHARED_MODELS}; without it,
 * {@code ../shared/models} relative to the repository root (the parent of the module directory,
 * which is surefire's working directory). When the variable is unset and the folder is absent,
 * tests are skipped; when it is set and a file is missing, the test fails.
 */
public final class SharedModels {
  public static final String ENV = "LLMKIT_SHARED_MODELS";

  private SharedModels() {}

  /**
   * The models folder; skips the test when it is absent and {@code LLMKIT_SHARED_MODELS} is unset.
   */
  public static Path root() {
    Path moduleDir = Paths.get("").toAbsolutePath();
    Path repoRoot = moduleDir.getParent() == null ? moduleDir : moduleDir.getParent();
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      // A relative value means relative to the repository root, where the test command runs.
      Path dir = repoRoot.resolve(env).normalize();
      if (!Files.isDirectory(dir)) {
        fail(ENV + " is set to " + dir + " but that folder does not exist");
      }
      return dir;
    }
    Path dir = repoRoot.resolve("../shared/models").normalize();
    assumeTrue(
        Files.isDirectory(dir),
        "shared test models not found at " + dir + " and " + ENV + " is not set: skipping");
    return dir;
  }

  /**
   * A file inside the models folder, e.g. {@code resolve("stories260K/stories260K.gguf")}; skips or
   * fails as described in the class comment when it is missing.
   */
  public static Path resolve(String relative) {
    Path root = root();
    Path file = root.resolve(relative);
    if (!Files.isRegularFile(file)) {
      if (System.getenv(ENV) != null && !System.getenv(ENV).isBlank()) {
        fail("shared model file " + file + " is missing (" + ENV + " is set)");
      }
      assumeTrue(false, "shared model file " + file + " is missing: skipping");
    }
    return file;
  }
}
