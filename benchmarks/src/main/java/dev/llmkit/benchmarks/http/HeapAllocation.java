package dev.llmkit.benchmarks.http;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Bytes allocated on the heap by all threads, including threads that ended: the heap in use now
 * plus everything every garbage collection so far has freed (from the collectors' notifications).
 * Java 17 has no all-threads counter, and per-thread counters miss threads that end, as HTTP
 * clients' reader threads may. Accurate to a few MB, so read it over hundreds of MB.
 */
final class HeapAllocation {
  private final AtomicLong freed = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();

  HeapAllocation() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
                long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
                freed.addAndGet(before - after);
                collections.incrementAndGet();
              },
              null,
              null);
    }
  }

  private static long sum(Map<String, MemoryUsage> pools) {
    long s = 0;
    for (MemoryUsage u : pools.values()) {
      s += u.getUsed();
    }
    return s;
  }

  /**
   * Bytes allocated so far. Waits until the count of seen collections and of collections done
   * agree, so a collection whose notification is still on its way is not missed.
   */
  long allocated() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      long done = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        done += gc.getCollectionCount();
      }
      long f = freed.get();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (collections.get() >= done && freed.get() == f) {
        return used + f;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("garbage collection notifications did not arrive");
  }
}
