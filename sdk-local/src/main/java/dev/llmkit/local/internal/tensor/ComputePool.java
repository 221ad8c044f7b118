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
 * workers are woken). Chunks are claimed from a shared counter, so a worker that is descheduled on
 * a loaded machine leaves its share to the others. With one thread, or while another call is
 * running (several sessions on one pool, or a nested call), work runs on the caller's thread alone.
 *
 * <p>Waiting, by workers for the next job and by the caller for the last chunks, busy-spins
 * briefly, then parks. A worker spins at most {@value #MAX_SPIN_NANOS} ns, less after spins that
 * ended in parking anyway: on a machine with more runnable threads than cores jobs come late, and a
 * spinning thread there only burns the share of processor time the scheduler would give it when the
 * job comes (parked threads are scheduled first on wake-up). Inside a {@link #pass} (the forward
 * pass of a token) workers spin between its products; when the last pass ends they park at once,
 * leaving the processors to sampling and the caller's application. Close it to stop its threads.
 */
public final class ComputePool implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  /** Longest busy-spin of an idle worker; the gap between two products is shorter. */
  static final long MAX_SPIN_NANOS = 50_000;

  /** Shortest spin: after spins that failed, a worker still spins this long before parking. */
  static final long MIN_SPIN_NANOS = 2_000;

  /** How long the caller spins for chunks still running on workers before parking. */
  static final long AWAIT_SPIN_NANOS = 50_000;

  /** How long {@link #close()} waits for workers that are finishing a chunk. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  /** Outcomes of a worker's wait for a job. */
  private static final int JOB = 0;

  private static final int SPIN_RAN_OUT = 1;
  private static final int PASS_ENDED = 2;

  private final int threads;
  private final Thread[] workers;

  /** Set while a call uses the workers; other calls meanwhile run on their own thread. */
  private final AtomicBoolean busy = new AtomicBoolean();

  /** Passes in progress (several sessions may share the pool). */
  private final AtomicInteger passes = new AtomicInteger();

  private volatile @Nullable Job current;
  private volatile boolean closed;

  /**
   * The kernel warm-up this pool's products wait for: -1 for all of it (until {@link
   * #modelLoaded}), else the tasks up to this {@link BackgroundWarmUp#ticket}.
   */
  private volatile long warmUpTicket = -1;

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
   * the forward pass of a token): workers park as soon as the last pass in progress ends instead of
   * spinning on after its last product. Passes may nest and run concurrently. Returns what {@code
   * body} returns; its exceptions pass through.
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
   * Tells the pool that its model has loaded: from now on its products wait only for the kernel
   * warm-up queued so far (their own model's), not for the warm-up of a model loaded later (a model
   * with K-quant weights queues theirs on its first load in a process), so that a model already
   * serving is not held back while another one loads.
   */
  public void modelLoaded() {
    warmUpTicket = BackgroundWarmUp.ticket();
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into chunks, in parallel; returns when all are
   * done. An exception thrown by {@code body} is rethrown here after every chunk has finished. An
   * interrupt of the calling thread does not stop the work; it stays set for the caller. While the
   * process's kernel warm-up runs in the background (after the kernel selection), the first call
   * waits for it ({@link BackgroundWarmUp}).
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public void forRange(int n, RangeBody body) {
    if (closed) {
      throw new IllegalStateException("compute pool is closed");
    }
    long ticket = warmUpTicket;
    if (ticket < 0) {
      BackgroundWarmUp.await(); // one volatile read once the warm-up is over
    } else {
      BackgroundWarmUp.await(ticket); // the same, for the work queued until its model loaded
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
    long spin = MAX_SPIN_NANOS;
    while (!closed) {
      Job job = current;
      if (job != seen) {
        seen = job;
        if (job != null) {
          job.work();
        }
        continue;
      }
      int outcome = awaitJob(seen, spin);
      if (outcome == JOB) { // spinning paid off: allow longer spins again
        spin = Math.min(MAX_SPIN_NANOS, 2 * spin);
        continue;
      }
      if (outcome == SPIN_RAN_OUT) {
        spin = Math.max(MIN_SPIN_NANOS, spin / 2);
      }
      parked[index].set(true);
      if (current == seen && !closed) {
        LockSupport.park(this);
      }
      parked[index].set(false);
    }
  }

  /**
   * Busy-waits up to {@code spin} ns for a job other than {@code seen} (or close): {@link #JOB}, or
   * why to park: {@link #SPIN_RAN_OUT}, or {@link #PASS_ENDED} (the next job is a token away).
   */
  private int awaitJob(@Nullable Job seen, long spin) {
    long start = System.nanoTime();
    boolean inPass = passes.get() > 0;
    while (current == seen && !closed) {
      if (inPass && passes.get() == 0) {
        return PASS_ENDED;
      }
      if (System.nanoTime() - start > spin) {
        return SPIN_RAN_OUT;
      }
      Thread.onSpinWait();
    }
    return JOB;
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

    /** Waits for chunks still running on workers: spins, then parks until the last ends. */
    void awaitDone() {
      long spinUntil = System.nanoTime() + AWAIT_SPIN_NANOS;
      while (pending.get() > 0 && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
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
