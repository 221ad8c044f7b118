package dev.llmkit.local.internal.finetune;

import dev.llmkit.LlmIoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Locks on files of the data directory that hold across clients and processes: a {@link FileLock}
 * (which the OS releases when a process dies) for other processes, and a lock per path in this JVM,
 * since a JVM holds a file lock for all its threads and clients at once.
 */
final class FileLocks {
  private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private FileLocks() {}

  /** Runs {@code body} holding the lock on {@code file}, waiting for other holders. */
  static <T> T with(Path file, Supplier<T> body) {
    ReentrantLock lock = IN_JVM.computeIfAbsent(key(file), k -> new ReentrantLock());
    lock.lock();
    try (FileChannel ch = open(file);
        FileLock l = ch.lock()) {
      return body.get();
    } catch (IOException e) {
      throw new LlmIoException("local", "cannot lock " + file + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the lock on {@code file} if no one (no other client of this JVM, no other process) holds
   * it; null if someone does. Close the result to release it.
   */
  static @Nullable Held tryHold(Path file) {
    ReentrantLock lock = IN_JVM.computeIfAbsent(key(file), k -> new ReentrantLock());
    if (!lock.tryLock()) {
      return null;
    }
    FileChannel ch = null;
    try {
      ch = open(file);
      FileLock l = ch.tryLock();
      if (l != null) {
        return new Held(ch, lock);
      }
    } catch (IOException | OverlappingFileLockException e) {
      // held elsewhere, or not lockable: treat as taken
    }
    closeQuietly(ch);
    lock.unlock();
    return null;
  }

  /** A lock taken by {@link #tryHold}. */
  static final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final ReentrantLock lock;

    private Held(FileChannel channel, ReentrantLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      closeQuietly(channel); // releases the file lock
      lock.unlock();
    }
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static void closeQuietly(@Nullable FileChannel ch) {
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException e) {
      // nothing to do
    }
  }
}
