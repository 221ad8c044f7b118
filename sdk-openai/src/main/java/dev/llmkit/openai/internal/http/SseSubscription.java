package dev.llmkit.openai.internal.http;

import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.openai.internal.wire.WireFormatException;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscription of an {@link SseFlowable}: the okhttp-sse listener on one side, a bounded queue
 * drained on request on the other. See {@link SseFlowable} for the backpressure design.
 */
final class SseSubscription<T> extends EventSourceListener implements Subscription {
  /** How long the rest of a body may take to arrive after {@code [DONE]}. */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);

  private final Subscriber<? super T> downstream;
  private final ChunkParser<T> parser;
  private final ErrorMapper errors;
  private final int capacity;
  private final ActiveStreams active;
  private final Runnable closer = this::clientClosed;
  private final IntPredicate retryBeforeFirstEvent;
  private EventSource.@Nullable Factory factory;
  private @Nullable Request request;
  private int reopened; // reader thread only

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition spaceOrStop = lock.newCondition();
  private final ArrayDeque<T> queue = new ArrayDeque<>(); // guarded by lock

  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile boolean done;
  private @Nullable Throwable error; // written before done, read after it
  private volatile @Nullable EventSource source;
  private volatile @Nullable String requestId;
  private volatile @Nullable Disposable drainTimer;
  private volatile boolean draining; // [DONE] seen; reading the rest of the body
  private @Nullable StreamDeadlines deadlines;
  private int events; // touched by the reader thread only

  SseSubscription(
      Subscriber<? super T> downstream,
      ChunkParser<T> parser,
      ErrorMapper errors,
      int capacity,
      ActiveStreams active,
      IntPredicate retryBeforeFirstEvent) {
    this.retryBeforeFirstEvent = retryBeforeFirstEvent;
    this.downstream = downstream;
    this.parser = parser;
    this.errors = errors;
    this.capacity = capacity;
    this.active = active;
  }

  void start(EventSource.Factory factory, Request request, StreamDeadlines deadlines) {
    if (cancelled) {
      return;
    }
    if (!active.add(closer)) {
      finish(new LlmIoException(errors.provider(), "the client is closed", null));
      return;
    }
    this.factory = factory;
    this.request = request;
    this.deadlines = deadlines;
    deadlines.start(this::timedOut);
    EventSource es = factory.newEventSource(request, this);
    source = es;
    if (cancelled || done) {
      es.cancel();
    }
  }

  // ---- okhttp-sse side (reader thread) ----

  @Override
  public void onOpen(EventSource es, Response response) {
    String id = response.header("x-request-id");
    requestId = id == null ? null : errors.redact(id); // a server may echo anything there
    parser.onOpen(response.code(), response.headers());
  }

  @Override
  public void onEvent(EventSource es, @Nullable String id, @Nullable String type, String data) {
    if (cancelled || done || draining) {
      return;
    }
    StreamDeadlines d = deadlines;
    if (d != null) {
      d.onEvent();
    }
    events++;
    if ("[DONE]".equals(data.strip())) {
      if (events == 1) {
        finish(
            new LlmStreamException(
                errors.provider(),
                "the stream ended with [DONE] before"
                    + " any chunk; the response is empty"
                    + ErrorMapper.quote(requestId)));
        es.cancel();
        return;
      }
      drainRest(es);
      return;
    }
    T chunk;
    try {
      chunk = parser.parse(data);
      if ("error".equals(type)) {
        throw new LlmStreamException(
            errors.provider(),
            "error event in stream: "
                + ErrorMapper.excerpt(errors.redact(data))
                + ErrorMapper.quote(requestId));
      }
    } catch (LlmException e) {
      finish(e);
      es.cancel();
      return;
    } catch (RuntimeException e) {
      finish(
          new LlmStreamException(
              errors.provider(),
              "malformed chunk in stream (event "
                  + events
                  + "): "
                  + (e instanceof WireFormatException ? errors.redact(e.getMessage()) + ": " : "")
                  + ErrorMapper.excerpt(errors.redact(data))
                  + ErrorMapper.quote(requestId),
              errors.safeCause(e)));
      es.cancel();
      return;
    }
    if (chunk != null && offer(es, chunk)) {
      drain();
    }
  }

  @Override
  public void onClosed(EventSource es) {
    disposeDrainTimer();
    if (draining) {
      finish(null); // body read to its end: the connection is back in the pool
      return;
    }
    if (cancelled || done) {
      return;
    }
    if (events == 0 && reopen()) {
      return;
    }
    if (parser.isComplete()) {
      finish(null);
    } else {
      finish(
          new LlmStreamException(
              errors.provider(),
              "stream ended after "
                  + events
                  + " events without [DONE] and before every choice "
                  + "had a finish_reason; the response is incomplete"
                  + ErrorMapper.quote(requestId)));
    }
  }

  @Override
  public void onFailure(EventSource es, @Nullable Throwable t, @Nullable Response response) {
    disposeDrainTimer();
    if (draining) {
      finish(null); // [DONE] arrived: whatever failed after it does not matter
      return;
    }
    if (cancelled || done) {
      return;
    }
    if (events == 0
        && t instanceof IOException
        && response != null
        && response.isSuccessful()
        && !(t instanceof SseLineEndings.FormatException)
        && reopen()) {
      return;
    }
    finish(errors.fromStreamFailure(t, response, events, requestId));
  }

  /** Reopens a started stream that gave no event if retries are left; true if it did so. */
  private boolean reopen() {
    EventSource.@Nullable Factory f = factory;
    Request r = request;
    if (f == null || r == null || !retryBeforeFirstEvent.test(reopened++)) {
      return false;
    }
    if (cancelled || done) {
      return true; // ended while waiting: nothing left to reopen
    }
    EventSource es = f.newEventSource(r, this);
    source = es;
    if (cancelled || done) {
      es.cancel();
    }
    return true;
  }

  /** Queues a chunk, blocking the reader while the queue is full. False if the stream ended. */
  private boolean offer(EventSource es, T chunk) {
    lock.lock();
    try {
      while (queue.size() >= capacity && !cancelled && !done) {
        spaceOrStop.await();
      }
      if (cancelled || done) {
        return false;
      }
      queue.add(chunk);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(new LlmIoException(errors.provider(), "stream reader interrupted", e));
      es.cancel();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * After {@code [DONE]} nothing more is delivered, but the call is not cancelled: okhttp-sse reads
   * the rest of the body (normally just the chunked terminator, already in the buffer), so the
   * connection returns to OkHttp's pool, and only then does the subscriber complete; the next
   * request it sends finds the connection there. A server that keeps the body open past {@code
   * [DONE]} is cut off after {@link #DRAIN_LIMIT}, and the stream completes then.
   */
  private void drainRest(EventSource es) {
    draining = true;
    stopDeadlines();
    drainTimer =
        Schedulers.computation()
            .scheduleDirect(
                () -> {
                  finish(null);
                  es.cancel();
                },
                DRAIN_LIMIT.toMillis(),
                TimeUnit.MILLISECONDS);
  }

  private void disposeDrainTimer() {
    Disposable t = drainTimer;
    if (t != null) {
      t.dispose();
    }
  }

  private void timedOut(StreamDeadlines.Kind kind, Duration limit) {
    if (done || cancelled || draining) {
      return;
    }
    String p = errors.provider();
    if (kind == StreamDeadlines.Kind.FIRST_EVENT) {
      finish(
          LlmIoException.timeout(
              p,
              p
                  + " sent no stream data within the first-token timeout"
                  + " of "
                  + limit.toMillis()
                  + " ms",
              null));
    } else if (kind == StreamDeadlines.Kind.IDLE && events == 0) {
      finish(
          LlmIoException.timeout(
              p,
              p
                  + " sent no stream event within the stream idle timeout"
                  + " of "
                  + limit.toMillis()
                  + " ms ("
                  + kind.option
                  + ")"
                  + ErrorMapper.quote(requestId),
              null));
    } else {
      String what =
          kind == StreamDeadlines.Kind.IDLE
              ? "no event for " + limit.toMillis() + " ms after " + events + " events"
              : "the stream ran longer than " + limit.toMillis() + " ms (" + events + " events)";
      finish(
          new LlmStreamException(
              p,
              "stream timed out: "
                  + what
                  + " ("
                  + kind.option
                  + ")"
                  + ErrorMapper.quote(requestId)));
    }
    cancelSource();
  }

  private void clientClosed() {
    finish(
        draining
            ? null
            : new LlmIoException(
                errors.provider(), "the client was closed during the stream", null));
    cancelSource();
  }

  /** Cancels the call; always after {@link #finish}, so its failure callback is ignored. */
  private void cancelSource() {
    EventSource es = source;
    if (es != null) {
      es.cancel();
    }
  }

  /** Records the terminal signal once; it is delivered after the queued chunks. */
  private void finish(@Nullable Throwable failure) {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    stopDeadlines();
    active.remove(closer);
    error = failure;
    done = true;
    wake();
    drain();
  }

  // ---- Reactive Streams side ----

  @Override
  public void request(long n) {
    if (n <= 0) {
      // As RxJava's own operators do: report the protocol violation, ignore the request.
      RxJavaPlugins.onError(
          new IllegalArgumentException(
              "§3.9 violated: positive request amount required but it was " + n));
      return;
    }
    long r;
    long u;
    do {
      r = requested.get();
      if (r == Long.MAX_VALUE) {
        break;
      }
      u = r + n < 0 ? Long.MAX_VALUE : r + n;
    } while (!requested.compareAndSet(r, u));
    drain();
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    stopDeadlines();
    active.remove(closer);
    EventSource es = source;
    if (es != null) {
      es.cancel();
    }
    wake();
    if (wip.getAndIncrement() == 0) {
      clear();
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    for (; ; ) {
      long r = requested.get();
      long e = 0;
      while (e != r) {
        if (cancelled) {
          clear();
          return;
        }
        boolean d = done;
        T v = poll();
        if (v == null) {
          if (d) {
            terminate();
            return;
          }
          break;
        }
        downstream.onNext(v);
        e++;
      }
      if (e == r) {
        if (cancelled) {
          clear();
          return;
        }
        if (done && isEmpty()) {
          terminate();
          return;
        }
      }
      if (e != 0 && r != Long.MAX_VALUE) {
        requested.addAndGet(-e);
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private void terminate() {
    cancelled = true;
    Throwable failure = error;
    if (failure != null) {
      downstream.onError(failure);
    } else {
      downstream.onComplete();
    }
  }

  private @Nullable T poll() {
    lock.lock();
    try {
      T v = queue.poll();
      if (v != null) {
        spaceOrStop.signalAll();
      }
      return v;
    } finally {
      lock.unlock();
    }
  }

  private boolean isEmpty() {
    lock.lock();
    try {
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private void clear() {
    lock.lock();
    try {
      queue.clear();
    } finally {
      lock.unlock();
    }
  }

  private void wake() {
    lock.lock();
    try {
      spaceOrStop.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void stopDeadlines() {
    StreamDeadlines d = deadlines;
    if (d != null) {
      d.stop();
    }
  }
}
