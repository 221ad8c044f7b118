package dev.llmkit.local.internal.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Splits index ranges over a fixed number of threads: the calling thread plus {@code threads − 1}
 * daemon workers. A token of generation runs five products per layer (about 150 on a 30-layer
 * model), so the hand-off per call is kept small: the caller publishes one job object, works on it
 * itself, and workers that are still waiting since the last job pick up chunks at once (parked
 * workers are woken). Chunks are claimed from a shared counter, so a worker that is descheduled
 * on a loaded machine leaves its share to the others. With one thread, or while another call is
 * running (several sessions on one pool, or a nested call), work runs on the caller's thread alone.
 *
 * <p>Waiting, by workers for the next job and by the caller for the last chunks, spins briefly,
 * then yields the processor between checks (on a machine with more runnable threads than cores,
 * a spinning thread would keep the descheduled thread it waits for off the processor), then
 * parks. Inside a {@link #pass} (the forward pass of a token) workers keep waiting ready between
 * its products for up to {@value #PASS_READY_NANOS} ns; when the last pass ends they park at once,
 * leaving the processors to sampling and the caller's application. Close it to stop its threads.
 */
public final class ComputePool implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();
  /** How long a waiting thread busy-spins first; the gap between two products is shorter. */
  static final long SPIN_NANOS = 10_000;
  /** Outside a pass, how long an idle worker waits (spinning, then yielding) before parking. */
  static final long IDLE_READY_NANOS = 50_000;
  /** Inside a pass, how long an idle worker waits before parking (a long serial step). */
  static final long PASS_READY_NANOS = 2_000_000;
  /** How long the caller waits for chunks still running on workers before parking. */
  static final long AWAIT_READY_NANOS = 200_000;
  /** How long {@link #close()} waits for workers that are finishing a chunk. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final int threads;
  private final Thread[] workers;
  /** Set while a call uses the workers; other calls meanwhile run on their own thread. */
  private final AtomicBoolean busy = new AtomicBoolean();
  /** Passes in progress (several sessions may share the pool). */
  private final AtomicInteger passes = new AtomicInteger();
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
   * Runs {@code body} on the calling thread as one pass of related {@link #forRange} calls (e.g.
   * the forward pass of a token): between them the workers stay ready instead of parking, and
   * they park as soon as the last pass in progress ends. Passes may nest and run concurrently.
   * Returns what {@code body} returns; its exceptions pass through.
   */
  public <T> T pass(Supplier<T> body) {
    passes.incrementAndGet();
    try {
      return body.get();
    } finally {
      passes.decrementAndGet();
    }
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into chunks, in parallel; returns when all are
   * done. An exception thrown by {@code body} is rethrown here after every chunk has finished.
   * An interrupt of the calling thread does not stop the work; it stays set for the caller.
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
      if (!awaitJob(seen)) {
        parked[index].set(true);
        if (current == seen && !closed) {
          LockSupport.park(this);
        }
        parked[index].set(false);
      }
    }
  }

  /**
   * Waits for a job other than {@code seen}: spins, then yields between checks; gives up (false:
   * park) after the ready time, or at once when the pass the last job belonged to has ended.
   */
  private boolean awaitJob(@Nullable Job seen) {
    long start = System.nanoTime();
    boolean inPass = passes.get() > 0;
    while (current == seen) {
      if (closed) {
        return true;
      }
      boolean passNow = passes.get() > 0;
      if (inPass && !passNow) {
        return false; // the pass is over: the next job is a token away
      }
      long waited = System.nanoTime() - start;
      if (waited < SPIN_NANOS) {
        Thread.onSpinWait();
      } else if (waited < (passNow ? PASS_READY_NANOS : IDLE_READY_NANOS)) {
        Thread.yield();
      } else {
        return false;
      }
    }
    return true;
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

    /** Waits for chunks still running on workers: spin, yield, then park until the last ends. */
    void awaitDone() {
      long start = System.nanoTime();
      while (pending.get() > 0) {
        long waited = System.nanoTime() - start;
        if (waited < SPIN_NANOS) {
          Thread.onSpinWait();
        } else if (waited < AWAIT_READY_NANOS) {
          Thread.yield();
        } else {
          break;
        }
      }
      if (pending.get() == 0) {
        return;
      }
      callerParked.set(true);
      boolean interrupted = false;
      while (pending.get() > 0) {
        LockSupport.park(this);
        interrupted |= Thread.interrupted(); // else park returns at once, and this would spin
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the worker threads; later {@link #forRange} calls fail, a call in progress finishes its
   * chunks on the calling thread. Returns once the workers have ended (a worker running a chunk
   * ends after it; this waits up to two seconds for that). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
    long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
    boolean interrupted = false;
    for (Thread t : workers) {
      long left = deadline - System.nanoTime();
      if (t == Thread.currentThread() || left <= 0) {
        continue;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
