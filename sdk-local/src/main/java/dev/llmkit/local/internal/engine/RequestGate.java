package dev.llmkit.local.internal.engine;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.CompletableEmitter;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs at most {@code limit} requests at a time; the others wait in FIFO order without holding a
 * thread. {@link #admit} wraps a request's stream: it is subscribed once a slot is free, and the
 * slot is freed when the stream completes, fails or is cancelled. Cancelling a waiting request
 * removes it from the queue. After {@link #close} waiting and new requests fail at once.
 */
public final class RequestGate {
  private final int limit;
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private int active;
  private @Nullable Throwable closedError;

  public RequestGate(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit is " + limit + "; it must be >= 1");
    }
    this.limit = limit;
  }

  /** {@code work}, subscribed only when a slot is free; the slot is held until it terminates. */
  public <T> Flowable<T> admit(Flowable<T> work) {
    return Flowable.defer(
        () -> {
          Ticket ticket = new Ticket();
          return Completable.create(ticket::enqueue).andThen(work).doFinally(ticket::finish);
        });
  }

  /**
   * Fails the requests waiting for a slot, and every later one, with {@code error}. Running
   * requests are not touched. Idempotent: the first error is kept.
   */
  public void close(Throwable error) {
    List<Ticket> failed;
    synchronized (this) {
      if (closedError != null) {
        return;
      }
      closedError = error;
      failed = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Ticket t : failed) {
      t.fail(error);
    }
  }

  /** Requests running now. */
  public synchronized int active() {
    return active;
  }

  /** Requests waiting for a slot. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Hands a freed slot to the next live waiter, or frees it. */
  private void handOver() {
    while (true) {
      Ticket next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          active--;
          return;
        }
      }
      if (next.grant()) {
        return;
      }
    }
  }

  /** One request's place: WAITING, then GRANTED, then DONE; or WAITING then DONE. */
  private final class Ticket {
    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int DONE = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private @Nullable CompletableEmitter emitter;

    void enqueue(CompletableEmitter e) {
      emitter = e;
      boolean now;
      Throwable error;
      synchronized (RequestGate.this) {
        error = closedError;
        now = error == null && active < limit;
        if (now) {
          active++;
        } else if (error == null) {
          waiting.add(this);
        }
      }
      if (error != null) {
        state.set(DONE);
        e.tryOnError(error);
      } else if (now) {
        state.set(GRANTED);
        e.onComplete();
      }
    }

    boolean grant() {
      if (!state.compareAndSet(WAITING, GRANTED)) {
        return false;
      }
      CompletableEmitter e = emitter; // set before the ticket was queued
      if (e != null) {
        e.onComplete(); // dropped if the subscriber left meanwhile; finish() then hands over
      }
      return true;
    }

    void fail(Throwable error) {
      if (state.compareAndSet(WAITING, DONE)) {
        CompletableEmitter e = emitter;
        if (e != null) {
          e.tryOnError(error);
        }
      }
    }

    void finish() {
      if (state.compareAndSet(WAITING, DONE)) {
        synchronized (RequestGate.this) {
          waiting.remove(this);
        }
      } else if (state.compareAndSet(GRANTED, DONE)) {
        handOver();
      }
    }
  }
}
