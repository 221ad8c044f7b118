package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The background warm-up's ordering contract: queued work does not start by itself, starts on
 * {@link BackgroundWarmUp#release} or on the first wait, runs in order on its own thread, and every
 * {@link ComputePool#forRange} call waits for it, except for work queued after the pool's own model
 * loaded; a task that throws does not keep real work waiting.
 */
class BackgroundWarmUpTest {

  @Test
  void queuedWorkWaitsForReleaseThenRunsInOrderOnItsOwnThread() throws Exception {
    BackgroundWarmUp.await(); // whatever an earlier test or the kernel selection queued
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch gate = new CountDownLatch(1);

    BackgroundWarmUp.submit(
        () -> {
          ran.add("first on " + Thread.currentThread().getName());
          awaitQuietly(gate);
        });
    BackgroundWarmUp.submit(() -> ran.add("second"));
    // an absence has no condition to wait on: give a wrongly started thread time to show itself
    Thread.sleep(50);

    assertThat(ran).as("nothing runs before release").isEmpty();
    assertThat(BackgroundWarmUp.done()).isFalse();

    BackgroundWarmUp.release();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ran.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(ran).containsExactly("first on " + BackgroundWarmUp.THREAD_NAME);
    assertThat(BackgroundWarmUp.done()).as("still running").isFalse();

    gate.countDown();
    BackgroundWarmUp.await();

    assertThat(ran).containsExactly("first on " + BackgroundWarmUp.THREAD_NAME, "second");
    assertThat(BackgroundWarmUp.done()).isTrue();
  }

  @Test
  void forRangeStartsQueuedWorkAndWaitsForItsEnd() throws Exception {
    BackgroundWarmUp.await();
    AtomicBoolean warmedUp = new AtomicBoolean();
    BackgroundWarmUp.submit(
        () -> {
          sleepQuietly(100);
          warmedUp.set(true);
        });
    boolean[] seenByWork = new boolean[1];

    try (ComputePool pool = new ComputePool(2)) {
      pool.forRange(4, (from, to) -> seenByWork[0] = warmedUp.get());
    }

    assertThat(seenByWork[0]).as("the product ran after the warm-up").isTrue();
    assertThat(BackgroundWarmUp.done()).isTrue();
  }

  @Test
  void aFailingTaskIsLoggedAndTheRestStillRuns() {
    BackgroundWarmUp.await();
    AtomicBoolean after = new AtomicBoolean();
    BackgroundWarmUp.submit(
        () -> {
          throw new IllegalStateException("a kernel that does not compile");
        });
    BackgroundWarmUp.submit(() -> after.set(true));

    BackgroundWarmUp.await();

    assertThat(after).isTrue();
    assertThat(BackgroundWarmUp.done()).isTrue();
  }

  @Test
  void anInterruptEndsTheWaitAndStaysSet() throws Exception {
    BackgroundWarmUp.await();
    CountDownLatch gate = new CountDownLatch(1);
    BackgroundWarmUp.submit(() -> awaitQuietly(gate));
    try {
      Thread.currentThread().interrupt();
      BackgroundWarmUp.await();

      assertThat(Thread.interrupted()).as("interrupt flag kept (and cleared here)").isTrue();
      assertThat(BackgroundWarmUp.done()).isFalse();
    } finally {
      gate.countDown();
      BackgroundWarmUp.await();
    }
    assertThat(BackgroundWarmUp.done()).isTrue();
  }

  @Test
  @Timeout(60)
  void aPoolWhoseModelLoadedEarlierDoesNotWaitForAWarmUpQueuedLater() throws Exception {
    BackgroundWarmUp.await();
    CountDownLatch gate = new CountDownLatch(1);
    try (ComputePool serving = new ComputePool(2);
        ComputePool loading = new ComputePool(2)) {
      serving.modelLoaded(); // its model's warm-up is over
      BackgroundWarmUp.submit(() -> awaitQuietly(gate)); // another model's, still running
      loading.modelLoaded();
      BackgroundWarmUp.release();
      boolean[] ran = new boolean[1];

      serving.forRange(4, (from, to) -> ran[0] = true);

      assertThat(ran[0]).as("the serving model's product ran").isTrue();
      assertThat(BackgroundWarmUp.done()).as("while the other warm-up still runs").isFalse();

      AtomicBoolean loadedRan = new AtomicBoolean();
      Thread first = new Thread(() -> loading.forRange(4, (from, to) -> loadedRan.set(true)));
      first.start();
      // an absence has no condition to wait on: give a product that does not wait time to run
      first.join(200);
      assertThat(loadedRan).as("the new model's first product waits for its warm-up").isFalse();

      gate.countDown();
      first.join(30_000);
      assertThat(loadedRan).as("and runs once it is over").isTrue();
    } finally {
      gate.countDown();
      BackgroundWarmUp.await();
    }
    assertThat(BackgroundWarmUp.done()).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      // stands for C2's compile time: the product must start only after it has passed
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
