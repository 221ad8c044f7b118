package dev.llmkit.local.internal.download;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body when no bytes arrived for {@code timeout}, so a stalled transfer ends with
 * an IOException (and is resumed by the next attempt) instead of blocking forever: the JDK's HTTP
 * client has no read timeout for bodies.
 */
final class StallWatchdog implements Closeable {
  private final ScheduledExecutorService timer;
  private final long timeoutNanos;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean fired;

  StallWatchdog(InputStream body, Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llmkit-download-watchdog");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
    timer.scheduleAtFixedRate(
        () -> {
          if (System.nanoTime() - lastProgress > timeoutNanos && !fired) {
            fired = true;
            try {
              body.close();
            } catch (IOException ignored) {
              // closing is best effort; the reader sees the failure either way
            }
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
  }

  void progress() {
    lastProgress = System.nanoTime();
  }

  /** Whether the body was closed for lack of progress. */
  boolean fired() {
    return fired;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
