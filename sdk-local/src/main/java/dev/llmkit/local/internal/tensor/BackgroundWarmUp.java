package dev.llmkit.local.internal.tensor;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Runs the kernels' warm-up (calls on tiny inputs until C2 has compiled them, see {@link
 * VectorWarmUp}) on one daemon thread instead of in the thread that loads a model, and holds back
 * real work until it is over: {@link ComputePool#forRange}, through which every matrix product and
 * attention pass runs, calls {@link #await} first. The first request of a process thus still runs
 * only compiled kernels (what the warm-up is for), loading a model returns without it, and what the
 * application does between loading a model and its first request overlaps it.
 *
 * <p>Work is {@link #submit submitted} (the kernel selection's warm-up, a model's K-quant kernels)
 * and starts when a model has been loaded ({@link #release}, from {@link Kernels#startWarmUp}) or
 * when real work first waits for it, whichever comes first. Started earlier, it competes on a small
 * machine with the rest of the load for the processors: TinyLlama Q8_0 through the public API on
 * two cores, {@code build()} took 0.57–0.69 s with the warm-up started at the kernel selection,
 * 0.46–0.57 s started when the weights were mapped (the tokenizer was still being built), 0.33–0.50
 * s started at the end of the load, and 1.0–1.5 s when the warm-up was part of the load
 * (BENCHMARKS.md, session 17). Submitted work runs in order; a task that throws is logged and the
 * rest goes on (results never depend on the warm-up; an unwarmed kernel compiles during real work).
 *
 * <p>Once a model has loaded, its pool waits only for the work queued until then ({@link
 * ComputePool#modelLoaded}, {@link #await(long)}): a model with K-quant weights loaded later in the
 * process queues their warm-up, and the models already serving do not wait for it.
 */
final class BackgroundWarmUp {
  /** Thread name of the warm-up, for thread dumps. */
  static final String THREAD_NAME = "llmkit-local-warm-up";

  /** Work not started yet; guarded by the class. */
  private static final Deque<Runnable> QUEUE = new ArrayDeque<>();

  /** Whether the thread runs; guarded by the class. */
  private static boolean running;

  /** Tasks submitted since the process started; written under the class's lock. */
  private static volatile long submitted;

  /** Tasks ended (run, failed or dropped); written under the class's lock, read without it too. */
  private static volatile long ended;

  private BackgroundWarmUp() {}

  /** Queues {@code work}; from now on {@link #await} waits for it. */
  static synchronized void submit(Runnable work) {
    QUEUE.addLast(work);
    submitted++;
  }

  /**
   * The number of the last task submitted so far: {@link #await(long) await(ticket())} waits for it
   * and every task before it, and for none submitted later.
   */
  static synchronized long ticket() {
    return submitted;
  }

  /** Starts the queued work, if any and not started yet. */
  static synchronized void release() {
    if (running || QUEUE.isEmpty()) {
      return;
    }
    running = true;
    Thread thread = new Thread(BackgroundWarmUp::drain, THREAD_NAME);
    thread.setDaemon(true);
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
      // no thread to spare: drop the warm-up rather than keep products waiting for it (results
      // never depend on it; the kernels then compile during the first requests)
      running = false;
      QUEUE.clear();
      ended = submitted;
      BackgroundWarmUp.class.notifyAll();
    }
  }

  private static void drain() {
    Runnable work;
    synchronized (BackgroundWarmUp.class) {
      work = next();
    }
    while (work != null) {
      try {
        work.run();
      } catch (RuntimeException | Error e) {
        System.getLogger("dev.llmkit.local")
            .log(
                Level.WARNING,
                "llmkit local engine: a kernel warm-up failed; those kernels compile during the"
                    + " first requests instead",
                e);
      }
      synchronized (BackgroundWarmUp.class) {
        ended++;
        BackgroundWarmUp.class.notifyAll();
        work = next();
      }
    }
  }

  /**
   * The next task, or null once there is none, the thread then marked stopped in the same critical
   * section that counted the last task ended: whoever sees all tasks ended and submits more gets a
   * new thread on {@link #release}, never this one.
   */
  private static @Nullable Runnable next() {
    Runnable work = QUEUE.pollFirst();
    if (work == null) {
      running = false;
    }
    return work;
  }

  /**
   * Starts the queued work if it has not started, and returns once the tasks up to {@code ticket}
   * ({@link #ticket}) have ended, whatever was submitted after them (at once when they have: one
   * volatile read). An interrupt ends the wait early and stays set for the caller.
   */
  static void await(long ticket) {
    if (ended >= ticket) {
      return;
    }
    release();
    synchronized (BackgroundWarmUp.class) {
      while (ended < ticket) {
        try {
          BackgroundWarmUp.class.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether no work is queued or running. */
  static boolean done() {
    return ended == submitted;
  }

  /**
   * Starts the queued work if it has not started, and returns once all of it submitted so far has
   * ended (at once when there is none). An interrupt ends the wait early and stays set for the
   * caller: work then runs without waiting, with the same results.
   */
  static void await() {
    await(submitted);
  }
}
