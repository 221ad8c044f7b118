package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.model.DecodeBatch;
import dev.llmkit.local.internal.model.LlamaState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Continuous batching for one loaded model: the single-token steps of concurrent sequences run
 * together as one {@link DecodeBatch} pass (one walk over the weights for up to {@code capacity}
 * sequences instead of one each), and every forward pass, batched step or prompt, runs alone on the
 * compute pool.
 *
 * <p>Each request keeps its own thread. A thread that needs a step queues it; if no step is being
 * formed, it becomes the leader: it waits until every sequence that is generating has queued its
 * step (or a window of half a step has passed: a sequence that misses it is not waited for again
 * until it queues a step, so a slow consumer costs the others one window), runs the step for the
 * queued ones (at most {@code capacity}) and hands each its logits; the others wait and return.
 * Sequences join and leave between steps: a sequence is waited for from its first step until {@link
 * Member#leave}. Prompts take the same fair lock as steps, one slice at a time, so a long prompt
 * interleaves with the steps of running requests.
 */
final class StepScheduler {
  /**
   * Shortest and longest time a leader waits for the sequences of the previous step that are still
   * sampling (half the last step's time in between).
   */
  private static final long MIN_WINDOW_NANOS = 50_000;

  private static final long MAX_WINDOW_NANOS = 50_000_000;

  private final DecodeBatch batch;
  private final int capacity;

  /** One forward pass at a time; fair, so prompt slices and steps alternate. */
  private final ReentrantLock forward = new ReentrantLock(true);

  private final List<Request> queued = new ArrayList<>();

  /** Members of the last step that have neither queued their next step nor left. */
  private final Set<Member> awaited = new HashSet<>();

  private boolean leading;
  private long lastStepNanos;
  private long steps;
  private long batchedRows;

  StepScheduler(DecodeBatch batch) {
    this.batch = batch;
    this.capacity = batch.capacity();
  }

  /** A new participant for {@code state}; it joins the schedule at its first step. */
  Member member(LlamaState state) {
    return new Member(state);
  }

  /** Runs {@code pass} (e.g. a prompt slice) with no other forward pass at the same time. */
  <T> T exclusive(Supplier<T> pass) {
    forward.lock();
    try {
      return pass.get();
    } finally {
      forward.unlock();
    }
  }

  /** Steps run so far and the sequences they advanced (for tests and diagnostics). */
  synchronized long[] counts() {
    return new long[] {steps, batchedRows};
  }

  /** One sequence's place in the schedule. Used by one thread at a time. */
  final class Member {
    private final LlamaState state;

    private Member(LlamaState state) {
      this.state = state;
    }

    /**
     * Feeds {@code token} at the state's next position, together with the steps other sequences
     * queue meanwhile; returns the logits (the state's array).
     */
    float[] step(int token) {
      Request request = new Request(this, token);
      boolean interrupted = false;
      try {
        synchronized (StepScheduler.this) {
          awaited.remove(this);
          queued.add(request);
          StepScheduler.this.notifyAll();
        }
        while (true) {
          synchronized (StepScheduler.this) {
            while (!request.done && leading) {
              try {
                StepScheduler.this.wait();
              } catch (InterruptedException e) {
                interrupted = true; // the step may be running on this state: wait for it
              }
            }
            if (request.done) {
              return request.result();
            }
            leading = true;
          }
          try {
            interrupted |= lead();
          } finally {
            synchronized (StepScheduler.this) {
              leading = false;
              StepScheduler.this.notifyAll();
            }
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** No step follows until the next {@link #step}: leaders stop waiting for this sequence. */
    void leave() {
      synchronized (StepScheduler.this) {
        if (awaited.remove(this)) {
          StepScheduler.this.notifyAll();
        }
      }
    }
  }

  /**
   * Gathers the queued steps, runs them as one batch and completes them. Called by the leader only,
   * with {@code leading} set. Returns whether the thread was interrupted while gathering.
   */
  private boolean lead() {
    boolean interrupted = false;
    List<Request> group;
    synchronized (this) {
      long window = Math.max(MIN_WINDOW_NANOS, Math.min(MAX_WINDOW_NANOS, lastStepNanos / 2));
      long deadline = System.nanoTime() + window;
      while (!awaited.isEmpty() && queued.size() < capacity) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wait(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      int n = Math.min(capacity, queued.size());
      group = new ArrayList<>(queued.subList(0, n));
      queued.subList(0, n).clear();
      awaited.clear(); // who missed the window is not waited for until it queues again
    }
    int n = group.size();
    LlamaState[] states = new LlamaState[n];
    int[] tokens = new int[n];
    for (int b = 0; b < n; b++) {
      states[b] = group.get(b).member.state;
      tokens[b] = group.get(b).token;
    }
    float[][] logits = null;
    Throwable failure = null;
    forward.lock();
    long start = System.nanoTime();
    try {
      logits = batch.step(states, tokens, n);
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      forward.unlock();
    }
    long took = System.nanoTime() - start;
    synchronized (this) {
      lastStepNanos = took;
      steps++;
      batchedRows += n;
      for (int b = 0; b < n; b++) {
        Request r = group.get(b);
        r.complete(logits == null ? null : logits[b], failure);
        if (failure == null) {
          awaited.add(r.member);
        }
      }
      notifyAll();
    }
    return interrupted;
  }

  /** One queued step; completed (under the scheduler's monitor) with logits or a failure. */
  private static final class Request {
    final Member member;
    final int token;
    boolean done;
    float @Nullable [] logits;
    @Nullable Throwable failure;

    Request(Member member, int token) {
      this.member = member;
      this.token = token;
    }

    void complete(float @Nullable [] result, @Nullable Throwable error) {
      logits = result;
      failure = error;
      done = true;
    }

    float[] result() {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      float[] result = logits;
      if (result == null) {
        throw new IllegalStateException("step completed without logits");
      }
      return result;
    }
  }
}
