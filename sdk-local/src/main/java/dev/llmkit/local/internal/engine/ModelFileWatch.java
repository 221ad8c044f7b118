package dev.llmkit.local.internal.engine;

import dev.llmkit.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Notices that the memory-mapped model file was truncated, replaced or rewritten after loading.
 * Reading a mapped page past the new end of a truncated file raises SIGBUS, which the JVM turns
 * into an {@link InternalError} in the reading thread; reading a rewritten file gives other
 * weights. Each request therefore checks size and modification time first and fails fast; a fault
 * in the middle of a request (the file changed while it ran) is reported as the same {@link
 * ModelLoadException}, and so is every later request: the mapping cannot be trusted again. A file
 * renamed over the loaded one (another inode) is fine: the loaded file stays mapped.
 */
final class ModelFileWatch {
  private final Path path;
  private final long size;
  private final long modified;
  private final @Nullable Object key;
  private volatile @Nullable String changed;

  ModelFileWatch(Path path) {
    this.path = path;
    long s = -1;
    long m = -1;
    Object k = null;
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      s = a.size();
      m = a.lastModifiedTime().toMillis();
      k = a.fileKey();
    } catch (IOException | RuntimeException e) {
      // not a readable file (e.g. a test runner without one): nothing to watch
    }
    this.size = s;
    this.modified = m;
    this.key = k;
  }

  /** Throws the "model file changed" error if the file differs from the one loaded. */
  void check() {
    String reason = changed;
    if (reason == null && size >= 0) {
      try {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        long s = a.size();
        long m = a.lastModifiedTime().toMillis();
        if (key != null && !Objects.equals(key, a.fileKey())) {
          return; // replaced by another file: the loaded one is still mapped and intact
        }
        if (s != size) {
          reason = "its size is now " + s + " bytes, it was " + size;
        } else if (m != modified) {
          reason = "it was modified after loading";
        }
      } catch (java.nio.file.NoSuchFileException e) {
        return; // deleted: the loaded file stays mapped until the client is closed
      } catch (IOException | RuntimeException e) {
        reason = "it can no longer be read (" + e.getClass().getSimpleName() + ")";
      }
      if (reason != null) {
        changed = reason;
      }
    }
    if (reason != null) {
      throw error(reason, null);
    }
  }

  /** The error for a memory fault in the forward pass; later requests fail at {@link #check}. */
  ModelLoadException faulted(InternalError fault) {
    try {
      check();
    } catch (ModelLoadException e) {
      e.addSuppressed(fault);
      return e;
    }
    changed = "reading its mapped weights faulted (" + fault.getMessage() + ")";
    return error(changed, fault);
  }

  private ModelLoadException error(String reason, @Nullable Throwable cause) {
    return new ModelLoadException(
        Generator.PROVIDER,
        path
            + ": the model file changed on disk"
            + " while loaded ("
            + reason
            + "); this client can no longer use it: close it and build a"
            + " new LocalClient once the file is complete (replace model files by renaming a finished"
            + " download over them, not by writing into them)",
        cause);
  }
}
