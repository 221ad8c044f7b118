package dev.llmkit.local.internal.download;

import dev.llmkit.LlmIoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive right to download one model file, shared by the threads of this JVM (a lock per
 * file) and by processes ({@link FileLock} on {@code <file>.lock}, which records the owner's pid
 * and host).
 *
 * <p>It never blocks for good: a lock whose owner died is released by the operating system and
 * taken over at once; a lock the file system keeps for a process of this host that is no longer
 * running (network file systems) is deleted and replaced; a live owner is waited for while its
 * {@code .part} file grows, and given up on with an {@link LlmIoException} naming the owner and the
 * lock file after {@code patience} without progress. The lock file is deleted on {@link #close()},
 * so none is left behind; a waiter that locked a deleted file notices and retries.
 */
final class DownloadLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final Semaphore jvmLock;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private DownloadLock(Semaphore jvmLock, Path lockFile, FileChannel channel, FileLock lock) {
    this.jvmLock = jvmLock;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /** {@code <file>.lock} next to {@code target}. */
  static Path lockFileOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code target}, waiting while another process holds it and makes progress.
   *
   * @param onWait told once what is waited for, and when a stale lock file is replaced
   * @throws LlmIoException if the owner made no progress for {@code patience}
   * @throws IOException if the lock file cannot be created
   */
  static DownloadLock acquire(Path target, Duration patience, Consumer<String> onWait)
      throws IOException {
    return acquire(target, patience, onWait, DownloadLock::isRunning);
  }

  /** {@link #acquire(Path, Duration, Consumer)} with a test of whether a local pid is running. */
  static DownloadLock acquire(
      Path target, Duration patience, Consumer<String> onWait, LongPredicate running)
      throws IOException {
    Path lockFile = lockFileOf(target.toAbsolutePath().normalize());
    Semaphore jvmLock = IN_THIS_JVM.computeIfAbsent(lockFile, p -> new Semaphore(1));
    try {
      jvmLock.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + lockFile);
    }
    try {
      return acquireFile(jvmLock, target, lockFile, patience, onWait, running);
    } catch (IOException | RuntimeException | Error e) {
      jvmLock.release();
      throw e;
    }
  }

  private static DownloadLock acquireFile(
      Semaphore jvmLock,
      Path target,
      Path lockFile,
      Duration patience,
      Consumer<String> onWait,
      LongPredicate running)
      throws IOException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    long poll = Math.max(10, Math.min(500, patience.toMillis() / 4));
    long lastProgress = System.nanoTime();
    String lastState = state(part, target);
    boolean told = false;
    while (true) {
      Object before = key(lockFile);
      FileChannel channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      Object opened = key(lockFile);
      if (before != null && !before.equals(opened)) {
        channel.close(); // replaced while opening: open the current one
        continue;
      }
      FileLock lock = tryLock(channel);
      if (lock != null) {
        if (isCurrent(lockFile, opened)) {
          writeOwner(channel);
          return new DownloadLock(jvmLock, lockFile, channel, lock);
        }
        channel.close(); // its holder deleted it when done: take the current one
        continue;
      }
      channel.close();
      Owner owner = Owner.read(lockFile);
      if (owner != null && owner.isLocal() && !running.test(owner.pid()) && deleteStale(lockFile)) {
        onWait.accept(
            "removed the stale lock "
                + lockFile
                + " of process "
                + owner.pid()
                + ", which is no longer running");
        continue;
      }
      String who =
          owner == null
              ? "another process"
              : "process " + owner.pid() + (owner.host().isEmpty() ? "" : " on " + owner.host());
      if (!told) {
        onWait.accept(
            "waiting for "
                + who
                + ", which is downloading "
                + target.getFileName()
                + " (lock "
                + lockFile
                + ")");
        told = true;
      }
      String state = state(part, target);
      if (!state.equals(lastState)) {
        lastState = state;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > patience.toNanos()) {
        throw LlmIoException.timeout(
            ModelResolver.PROVIDER,
            "cannot download "
                + target.getFileName()
                + ": "
                + who
                + " holds the lock "
                + lockFile
                + " and has made no progress on "
                + part
                + " for "
                + patience.toSeconds()
                + " s. If that process is hung, stop it"
                + (owner == null ? "" : " (kill " + owner.pid() + ")")
                + "; if it is gone, delete "
                + lockFile
                + ".",
            null);
      }
      pause(poll, lockFile);
    }
  }

  private static boolean deleteStale(Path lockFile) {
    try {
      return Files.deleteIfExists(lockFile);
    } catch (IOException e) {
      return false; // cannot delete it: wait for it like for a live owner
    }
  }

  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by other code of this JVM
    }
  }

  /**
   * The identity (inode) of the file at {@code path}; null when it does not exist or the file
   * system has no such key. Read with stat, never by opening the file: closing any descriptor of a
   * file releases this process's lock on it.
   */
  private static @Nullable Object key(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the locked channel, opened when {@code path} had key {@code opened}, is still the file
   * at {@code path}: a waiter may lock a file its holder deleted on release while a newer file took
   * its place.
   */
  private static boolean isCurrent(Path path, @Nullable Object opened) {
    if (!Files.exists(path)) {
      return false;
    }
    return opened == null || opened.equals(key(path));
  }

  private static void writeOwner(FileChannel channel) throws IOException {
    String owner = "pid=" + ProcessHandle.current().pid() + "\nhost=" + Owner.localHost() + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  /** What changes while a download progresses: the size and time of its part or final file. */
  private static String state(Path part, Path target) {
    for (Path p : new Path[] {part, target}) {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return p.getFileName() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
      } catch (IOException e) {
        // not there (yet): try the next
      }
    }
    return "";
  }

  private static void pause(long millis, Path lockFile) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + lockFile);
    }
  }

  private static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Deletes the lock file, then releases it and lets the next thread of this JVM in. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(lockFile);
    } catch (IOException e) {
      // e.g. Windows keeps open files: the file stays, and the next download locks it again
    } finally {
      try {
        lock.release();
        channel.close();
      } finally {
        jvmLock.release();
      }
    }
  }

  /** The process recorded in a lock file. */
  record Owner(long pid, String host) {
    static @Nullable Owner read(Path lockFile) {
      try {
        long pid = -1;
        String host = "";
        for (String line : Files.readAllLines(lockFile, StandardCharsets.UTF_8)) {
          if (line.startsWith("pid=")) {
            pid = Long.parseLong(line.substring(4).strip());
          } else if (line.startsWith("host=")) {
            host = line.substring(5).strip();
          }
        }
        return pid > 0 ? new Owner(pid, host) : null;
      } catch (IOException | NumberFormatException e) {
        return null; // empty, half written or gone: nothing known about the owner
      }
    }

    /** Whether the owner ran on this host, so its pid can be checked here. */
    boolean isLocal() {
      String here = localHost();
      return !host.isEmpty() && !here.isEmpty() && host.equals(here);
    }

    /** This host's name without a network look-up; empty when unknown. */
    static String localHost() {
      for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
          return value.strip();
        }
      }
      try {
        return Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }
  }
}
