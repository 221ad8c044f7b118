package dev.llmkit.local.internal.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Splits index ranges over a fixed number of threads: the calling thread plus {@code threads − 1}
 * daemon workers. A token of generation runs about 60 short products, so the hand-off per call is
 * kept small: the caller publishes one job object, works on it itself, and workers that spun
 * briefly since the last job pick up chunks at once (parked workers are woken). Chunks are
 * claimed from a shared counter, so a worker that is descheduled on a loaded machine leaves its
 * share to the others. With one thread, or while another call is running (several sessions on one
 * pool, or a nested call), work runs on the caller's thread alone. Close it to stop its threads.
 */
public final class ComputePool implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();
  /** How long an idle thread spins before parking; the gap between two products is shorter. */
  private static final long SPIN_NANOS = 50_000;

  private final int threads;
  private final Thread[] workers;
  /** Set while a call uses the workers; other calls meanwhile run on their own thread. */
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile @Nullable Job current;
  private volatile boolean closed;
  /** Per worker: whether it is (about to be) parked and needs an unpark for the next job. */
  private final AtomicBoolean[] parked;

  /** A pool with {@code threads} threads; IllegalArgumentException unless 1 ≤ threads ≤ 1024. */
  public ComputePool(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be between 1 and 1024, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new AtomicBoolean[threads - 1];
    int id = POOL_IDS.incrementAndGet();
    for (int i = 0; i < workers.length; i++) {
      int index = i;
      parked[i] = new AtomicBoolean();
      Thread t = new Thread(() -> workLoop(index), "llmkit-local-" + id + "-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
    }
    for (Thread t : workers) {
      t.start();
    }
  }

  /** A pool with one thread per available processor. */
  public static ComputePool ofAvailableProcessors() {
    return new ComputePool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Work on the index range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into chunks, in parallel; returns when all are
   * done. An exception thrown by {@code body} is rethrown here after every chunk has finished.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public void forRange(int n, RangeBody body) {
    if (closed) {
      throw new IllegalStateException("compute pool is closed");
    }
    if (n <= 0) {
      return;
    }
    if (workers.length == 0 || n == 1 || !busy.compareAndSet(false, true)) {
      body.run(0, n);
      return;
    }
    Job job = new Job(body, n, Math.min(n, threads * 4), Thread.currentThread());
    try {
      current = job;
      for (int i = 0; i < workers.length; i++) {
        if (parked[i].get()) {
          LockSupport.unpark(workers[i]);
        }
      }
      job.work();
      job.awaitDone();
    } finally {
      current = null; // drop the body (and the arrays it holds) once done
      busy.set(false);
    }
    Throwable failure = job.failure;
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private void workLoop(int index) {
    Job seen = null;
    while (!closed) {
      Job job = current;
      if (job != seen) {
        seen = job;
        if (job != null) {
          job.work();
        }
        continue;
      }
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (current == seen && !closed && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      if (current == seen && !closed) {
        parked[index].set(true);
        if (current == seen && !closed) {
          LockSupport.park(this);
        }
        parked[index].set(false);
      }
    }
  }

  /** One forRange call: chunks claimed from {@code next}, counted down in {@code pending}. */
  private static final class Job {
    private final RangeBody body;
    private final int n;
    private final int chunks;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending;
    private final AtomicBoolean callerParked = new AtomicBoolean();
    private volatile @Nullable Throwable failure;

    Job(RangeBody body, int n, int chunks, Thread caller) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
      this.caller = caller;
      this.pending = new AtomicInteger(chunks);
    }

    void work() {
      int c;
      while ((c = next.getAndIncrement()) < chunks) {
        try {
          body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          }
        } finally {
          if (pending.decrementAndGet() == 0 && callerParked.get()) {
            LockSupport.unpark(caller);
          }
        }
      }
    }

    void awaitDone() {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (pending.get() > 0 && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      if (pending.get() == 0) {
        return;
      }
      callerParked.set(true);
      while (pending.get() > 0) {
        LockSupport.park(this);
      }
    }
  }

  /** Stops the worker threads; later {@link #forRange} calls fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }
}
