package dev.llmkit.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads golden files from {@code src/test/resources/golden/}. With {@code -Dgolden.update=true},
 * {@link #update} rewrites an expected file with what the code produced, for review in the diff.
 */
final class Golden {
  private Golden() {}

  static String read(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String path) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file golden/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code actual} over the source copy of a golden file when golden.update is set. */
  static void update(String path, String actual) {
    if (!Boolean.getBoolean("golden.update")) {
      return;
    }
    try {
      Files.writeString(Path.of("src/test/resources/golden", path), actual);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
