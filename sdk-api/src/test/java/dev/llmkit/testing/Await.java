package dev.llmkit.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition in tests instead of sleeping for a guessed time: polls every 10 ms and
 * returns as soon as the condition holds, or fails with {@code what} when {@code timeout} passes. A
 * sleep stays right only where a test checks that nothing happens during a window.
 */
public final class Await {
  private Await() {}

  /** Returns once {@code condition} is true; AssertionError naming {@code what} on timeout. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(10); // the poll interval of this condition wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
