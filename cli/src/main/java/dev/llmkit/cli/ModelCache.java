package dev.llmkit.cli;

import dev.llmkit.local.LocalModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local provider's model cache as the command line sees it: {@code hf:<owner>/<repo>/<file>} is
 * stored at {@link LocalModels#cachePath}, {@code <cache>/<owner>/<repo>/<file>}.
 */
final class ModelCache {
  private final Path dir;

  ModelCache(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The cache file of {@code spec}; IllegalArgumentException if it is not an hf: spec. */
  Path pathOf(String spec) {
    if (!spec.startsWith("hf:")) {
      throw new IllegalArgumentException(
          "model '" + spec + "' is not a cached model; give hf:<owner>/<repo>/<file>.gguf");
    }
    return LocalModels.cachePath(spec, dir);
  }

  /** The {@code hf:} specs of the complete .gguf files in the cache, sorted. */
  List<String> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".gguf"))
          .map(p -> "hf:" + dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the model cache " + dir, e);
    }
  }

  /** Deletes the file of {@code spec} and its partial download; false if neither existed. */
  boolean remove(String spec) {
    Path path = pathOf(spec);
    try {
      boolean removed = Files.deleteIfExists(path);
      removed |= Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".part"));
      Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".lock"));
      return removed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
