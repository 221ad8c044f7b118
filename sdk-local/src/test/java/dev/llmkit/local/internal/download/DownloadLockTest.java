package dev.llmkit.local.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.LlmIoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download lock between processes (a second JVM holds it) and threads: a killed holder never
 * blocks, a hung one is given up on, a working one is waited for, no lock file is left behind.
 */
class DownloadLockTest {
  @TempDir Path dir;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private Process holder;

  @AfterEach
  void stopHolder() throws InterruptedException {
    if (holder != null && holder.isAlive()) {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts a JVM that takes the lock of {@code target} and prints "locked"; see {@link Holder}. */
  private void startHolder(Path target, String mode) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    holder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                target.toString(),
                mode)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("holder's first line").isEqualTo("locked");
  }

  private CompletableFuture<DownloadLock> acquireAsync(Path target, Duration patience) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return DownloadLock.acquire(target, patience, messages::add);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void lockOfAKilledProcessIsTakenOverAtOnce() throws Exception {
    Path target = dir.resolve("m.gguf");
    startHolder(target, "hold");
    CompletableFuture<DownloadLock> waiting = acquireAsync(target, Duration.ofSeconds(60));
    Thread.sleep(300); // the waiter must still wait
    assertThat(waiting).isNotDone();

    holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    waiting.get(10, TimeUnit.SECONDS).close();
    assertThat(messages)
        .singleElement()
        .asString()
        .startsWith("waiting for process " + holder.pid());
    assertThat(DownloadLock.lockFileOf(target)).doesNotExist();
  }

  @Test
  void liveHolderWithoutProgressIsGivenUpOnNamingItAndTheLockFile() throws Exception {
    Path target = dir.resolve("m.gguf");
    startHolder(target, "hold");
    long start = System.nanoTime();

    assertThatThrownBy(() -> DownloadLock.acquire(target, Duration.ofMillis(400), messages::add))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("process " + holder.pid())
        .hasMessageContaining("holds the lock " + DownloadLock.lockFileOf(target))
        .hasMessageContaining("kill " + holder.pid())
        .satisfies(e -> assertThat(((LlmIoException) e).isTimeout()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void holderThatMakesProgressIsWaitedForBeyondThePatience() throws Exception {
    Path target = dir.resolve("m.gguf");
    startHolder(target, "grow"); // appends to m.gguf.part for 1.5 s, then writes m.gguf

    try (DownloadLock lock = DownloadLock.acquire(target, Duration.ofMillis(500), messages::add)) {
      assertThat(target).exists();
    }
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void lockFileOfAProcessThatIsNoLongerRunningIsReplaced() throws Exception {
    Path target = dir.resolve("m.gguf");
    startHolder(target, "hold"); // still holds it, as a network file system may after a crash

    try (DownloadLock lock =
        DownloadLock.acquire(
            target, Duration.ofSeconds(60), messages::add, pid -> pid != holder.pid())) {
      assertThat(messages)
          .singleElement()
          .asString()
          .isEqualTo(
              "removed the stale lock "
                  + DownloadLock.lockFileOf(target)
                  + " of process "
                  + holder.pid()
                  + ", which is no longer running");
    }
  }

  @Test
  void leftoverLockFileWithoutHolderIsUsedAndRemoved() throws Exception {
    Path target = dir.resolve("m.gguf");
    Files.writeString(DownloadLock.lockFileOf(target), "pid=1\nhost=elsewhere\n");

    try (DownloadLock lock = DownloadLock.acquire(target, Duration.ofSeconds(1), messages::add)) {
      assertThat(messages).isEmpty();
    }
    assertThat(DownloadLock.lockFileOf(target)).doesNotExist();
  }

  @Test
  void threadsOfOneJvmTakeTurns() throws Exception {
    Path target = dir.resolve("m.gguf");
    CompletableFuture<DownloadLock> second;
    try (DownloadLock first = DownloadLock.acquire(target, Duration.ofSeconds(1), messages::add)) {
      second = acquireAsync(target, Duration.ofSeconds(1));
      Thread.sleep(1500); // longer than the patience: threads wait for each other, not time out
      assertThat(second).isNotDone();
    }
    second.get(5, TimeUnit.SECONDS).close();
  }

  /** The other process: holds the lock until killed, or simulates a download and finishes. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      Path target = Path.of(args[0]);
      try (DownloadLock lock = DownloadLock.acquire(target, Duration.ofSeconds(5), m -> {})) {
        System.out.println("locked");
        System.out.flush();
        if (args[1].equals("grow")) {
          Path part = target.resolveSibling(target.getFileName() + ".part");
          for (int i = 0; i < 15; i++) {
            Files.write(part, new byte[1000], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(100); // a download that grows slowly
          }
          Files.move(part, target);
        } else {
          Thread.sleep(Long.MAX_VALUE); // hold the lock until killed
        }
      }
    }
  }
}
