package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {
  @Test
  void everyIndexIsVisitedOnceForManyRangeSizes() {
    try (ComputePool pool = new ComputePool(3)) {
      for (int n = 1; n <= 200; n += 7) {
        AtomicIntegerArray visits = new AtomicIntegerArray(n);
        for (int call = 0; call < 50; call++) {
          pool.forRange(n, (from, to) -> {
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
      assertThatThrownBy(() -> pool.forRange(64, (from, to) -> {
        for (int i = from; i < to; i++) {
          visits.incrementAndGet(i);
        }
        if (from == 0) {
          throw new IllegalStateException("boom");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      for (int i = 0; i < 64; i++) {
        assertThat(visits.get(i)).isEqualTo(1);
      }
      // the pool still works afterwards
      AtomicIntegerArray again = new AtomicIntegerArray(10);
      pool.forRange(10, (from, to) -> {
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
        sums.add(callers.submit(() -> {
          long total = 0;
          for (int call = 0; call < 200; call++) {
            long[] partial = new long[100];
            pool.forRange(100, (from, to) -> {
              for (int i = from; i < to; i++) {
                long[] inner = new long[1];
                pool.forRange(3, (a, b) -> {
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
    assertThatThrownBy(() -> pool.forRange(4, (from, to) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void threadCountIsChecked() {
    assertThatThrownBy(() -> new ComputePool(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }
}
