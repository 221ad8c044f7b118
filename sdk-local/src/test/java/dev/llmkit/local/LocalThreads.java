package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Counts the live threads llmkit names ({@code llmkit…}) to check that none are left behind. */
final class LocalThreads {
  private LocalThreads() {}

  static int count() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("llmkit"))
            .count();
  }

  /** Waits up to 10 s for the count to fall to {@code before}, then asserts it did. */
  static void awaitAtMost(int before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(count()).as("llmkit threads left").isLessThanOrEqualTo(before);
  }
}
