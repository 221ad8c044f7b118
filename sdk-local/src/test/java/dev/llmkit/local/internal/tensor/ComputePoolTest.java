package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ComputePoolTest {
  @Test
  void everyIndexIsVisitedOnceForManyRangeSizes() {
    try (ComputePool pool = new ComputePool(3)) {
      for (int n = 1; n <= 200; n += 7) {
        AtomicIntegerArray visits = new AtomicIntegerArray(n);
        for (int call = 0; call < 50; call++) {
          pool.forRange(
              n,
              (from, to) -> {
                for (int i = from; i < to; i++) {
                  visits.incrementAndGet(i);
                }
              });
        }
        for (int i = 0; i < n; i++) {
          assertThat(visits.get(i)).as("index %d of %d", i, n).isEqualTo(50);
        }
      }
    }
  }

  @Test
  void anExceptionOfTheBodyReachesTheCallerAfterAllChunksEnd() {
    try (ComputePool pool = new ComputePool(2)) {
      AtomicIntegerArray visits = new AtomicIntegerArray(64);
      assertThatThrownBy(
              () ->
                  pool.forRange(
                      64,
                      (from, to) -> {
                        for (int i = from; i < to; i++) {
                          visits.incrementAndGet(i);
                        }
                        if (from == 0) {
                          throw new IllegalStateException("boom");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
      for (int i = 0; i < 64; i++) {
        assertThat(visits.get(i)).isEqualTo(1);
      }
      // the pool still works afterwards
      AtomicIntegerArray again = new AtomicIntegerArray(10);
      pool.forRange(
          10,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              again.incrementAndGet(i);
            }
          });
      assertThat(again.get(9)).isEqualTo(1);
    }
  }

  @Test
  void concurrentAndNestedCallersAllComplete() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (ComputePool pool = new ComputePool(2)) {
      List<Future<Long>> sums = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        sums.add(
            callers.submit(
                () -> {
                  long total = 0;
                  for (int call = 0; call < 200; call++) {
                    long[] partial = new long[100];
                    pool.forRange(
                        100,
                        (from, to) -> {
                          for (int i = from; i < to; i++) {
                            long[] inner = new long[1];
                            pool.forRange(
                                3,
                                (a, b) -> {
                                  synchronized (inner) {
                                    inner[0] += b - a;
                                  }
                                });
                            partial[i] = i + inner[0];
                          }
                        });
                    for (long p : partial) {
                      total += p;
                    }
                  }
                  return total;
                }));
      }
      for (Future<Long> sum : sums) {
        assertThat(sum.get(60, TimeUnit.SECONDS)).isEqualTo(200L * (4950 + 300));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aClosedPoolRefusesWork() {
    ComputePool pool = new ComputePool(2);
    pool.close();
    pool.close();
    assertThatThrownBy(() -> pool.forRange(4, (from, to) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void threadCountIsChecked() {
    assertThatThrownBy(() -> new ComputePool(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }

  @Test
  void closeEndsEveryWorkerThread() {
    Set<Thread> before = poolThreads();
    ComputePool pool = new ComputePool(3);
    Set<Thread> workers = poolThreads();
    workers.removeAll(before);
    assertThat(workers).hasSize(2);
    pool.forRange(100, (from, to) -> {});
    pool.pass(
        () -> {
          pool.forRange(100, (from, to) -> {});
          return null;
        });
    pool.close();
    assertThat(workers).allSatisfy(t -> assertThat(t.isAlive()).as(t.getName()).isFalse());
  }

  @Test
  void closingDuringAForRangeLetsItFinishAndRefusesTheNext() throws Exception {
    ExecutorService callers = Executors.newSingleThreadExecutor();
    ComputePool pool = new ComputePool(2);
    try {
      BlockedChunk blocked = new BlockedChunk();
      AtomicIntegerArray visits = new AtomicIntegerArray(64);
      Future<?> call = callers.submit(() -> pool.forRange(64, blocked.body(visits)));
      assertThat(blocked.workerEntered.await(10, TimeUnit.SECONDS)).isTrue();
      Thread closer = new Thread(pool::close);
      closer.start();
      Thread.sleep(20); // close waits for the worker's chunk, which waits for release
      blocked.release.countDown();
      call.get(10, TimeUnit.SECONDS);
      closer.join(10_000);
      assertThat(closer.isAlive()).isFalse();
      for (int i = 0; i < 64; i++) {
        assertThat(visits.get(i)).as("index %d", i).isEqualTo(1);
      }
      assertThatThrownBy(() -> pool.forRange(4, (from, to) -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    } finally {
      pool.close();
      callers.shutdownNow();
    }
  }

  @Test
  void anInterruptedCallerStillWaitsForEveryChunkAndKeepsItsInterrupt() throws Exception {
    ExecutorService callers = Executors.newSingleThreadExecutor();
    try (ComputePool pool = new ComputePool(2)) {
      BlockedChunk blocked = new BlockedChunk();
      AtomicIntegerArray visits = new AtomicIntegerArray(64);
      AtomicReference<Thread> caller = new AtomicReference<>();
      AtomicBoolean interruptKept = new AtomicBoolean();
      Future<?> call =
          callers.submit(
              () -> {
                caller.set(Thread.currentThread());
                pool.forRange(64, blocked.body(visits));
                interruptKept.set(Thread.interrupted());
              });
      assertThat(blocked.workerEntered.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(20); // the caller has done its chunks and waits for the worker's
      caller.get().interrupt();
      Thread.sleep(20); // the call must not return before release
      assertThat(call.isDone()).as("returned before the worker's chunk ended").isFalse();
      blocked.release.countDown();
      call.get(10, TimeUnit.SECONDS);
      assertThat(interruptKept).isTrue();
      for (int i = 0; i < 64; i++) {
        assertThat(visits.get(i)).as("index %d", i).isEqualTo(1);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aPassReturnsItsResultNestsAndPassesItsExceptionOn() {
    try (ComputePool pool = new ComputePool(2)) {
      AtomicIntegerArray visits = new AtomicIntegerArray(40);
      int result =
          pool.pass(
              () ->
                  pool.pass(
                      () -> {
                        pool.forRange(
                            40,
                            (from, to) -> {
                              for (int i = from; i < to; i++) {
                                visits.incrementAndGet(i);
                              }
                            });
                        return 7;
                      }));
      assertThat(result).isEqualTo(7);
      for (int i = 0; i < 40; i++) {
        assertThat(visits.get(i)).isEqualTo(1);
      }
      assertThatThrownBy(
              () ->
                  pool.pass(
                      () -> {
                        throw new IllegalArgumentException("inside");
                      }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("inside");
      // after a failed pass the workers still take work
      AtomicIntegerArray again = new AtomicIntegerArray(40);
      pool.forRange(
          40,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              again.incrementAndGet(i);
            }
          });
      assertThat(again.get(39)).isEqualTo(1);
    }
  }

  private static Set<Thread> poolThreads() {
    Set<Thread> out = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("llmkit-local-") && !t.getName().contains("inference")) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * A range body whose first chunk on a worker thread blocks until {@link #release}; the caller's
   * first chunk waits until a worker has entered, so a worker always holds a chunk.
   */
  private static final class BlockedChunk {
    final CountDownLatch workerEntered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean blockedOne = new AtomicBoolean();

    ComputePool.RangeBody body(AtomicIntegerArray visits) {
      Thread caller = Thread.currentThread();
      return (from, to) -> {
        if (Thread.currentThread() != caller && blockedOne.compareAndSet(false, true)) {
          workerEntered.countDown();
          awaitQuietly(release);
        } else if (Thread.currentThread() == caller) {
          awaitQuietly(workerEntered);
        }
        for (int i = from; i < to; i++) {
          visits.incrementAndGet(i);
        }
      };
    }

    private static void awaitQuietly(CountDownLatch latch) {
      boolean interrupted = false;
      while (true) {
        try {
          if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("latch not released in 10 s");
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
