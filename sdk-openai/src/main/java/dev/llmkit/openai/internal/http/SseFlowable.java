package dev.llmkit.openai.internal.http;

import io.reactivex.rxjava3.core.Flowable;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import org.reactivestreams.Subscriber;

/**
 * A cold {@link Flowable} of server-sent events, parsed into chunks. Each subscription opens one
 * HTTP call through okhttp-sse; cancelling the subscription cancels that call.
 *
 * <p><b>Backpressure.</b> okhttp-sse reads the response on an OkHttp dispatcher thread and hands
 * each event to {@link SseSubscription#onEvent}, which parses it and puts it in a queue of at most
 * {@code capacity} chunks (16 by default). When the queue is full, the reader thread blocks until
 * the subscriber requests more or cancels; while it blocks the socket is not read, so TCP flow
 * control slows the server down. A slow subscriber thus holds at most {@code capacity} parsed
 * chunks, plus one okio segment (8 KiB) of unparsed bytes and the operating system's socket buffer.
 *
 * <p><b>Threads.</b> {@code onNext} runs on the reader thread, or on the thread that calls {@code
 * request}. Use {@code observeOn} to move elsewhere.
 *
 * <p><b>Retries.</b> A response that started but failed or ended before its first event is reopened
 * through {@code retryBeforeFirstEvent}; once an event has arrived, nothing is retried.
 *
 * <p><b>Time limits.</b> {@link StreamTimeouts}: when no event arrived within the first-event
 * limit, or none for the idle limit, or the stream outlasts its total limit, the call is cancelled
 * and the stream fails (see {@link StreamDeadlines}).
 *
 * <p><b>Connection reuse.</b> After {@code [DONE]} the subscriber completes at once, and the rest
 * of the body is read on the reader thread so the connection returns to OkHttp's pool.
 */
public final class SseFlowable<T> extends Flowable<T> {
  public static final int DEFAULT_CAPACITY = 16;

  private final EventSource.Factory factory;
  private final Request request;
  private final Supplier<? extends ChunkParser<T>> parsers;
  private final ErrorMapper errors;
  private final StreamTimeouts timeouts;
  private final int capacity;
  private final ActiveStreams active;
  private final IntPredicate retryBeforeFirstEvent;

  /**
   * @param retryBeforeFirstEvent called with the attempt number (from 0) when a response started
   *     but failed or ended before its first event; it waits and returns true to reopen the stream,
   *     or returns false to fail it
   */
  public SseFlowable(
      EventSource.Factory factory,
      Request request,
      Supplier<? extends ChunkParser<T>> parsers,
      ErrorMapper errors,
      StreamTimeouts timeouts,
      int capacity,
      ActiveStreams active,
      IntPredicate retryBeforeFirstEvent) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity is " + capacity + "; it must be >= 1");
    }
    this.factory = factory;
    this.request = request;
    this.parsers = parsers;
    this.errors = errors;
    this.timeouts = timeouts;
    this.capacity = capacity;
    this.active = active;
    this.retryBeforeFirstEvent = retryBeforeFirstEvent;
  }

  @Override
  protected void subscribeActual(Subscriber<? super T> subscriber) {
    SseSubscription<T> subscription =
        new SseSubscription<>(
            subscriber, parsers.get(), errors, capacity, active, retryBeforeFirstEvent);
    subscriber.onSubscribe(subscription);
    subscription.start(
        factory,
        request,
        new StreamDeadlines(timeouts.firstEvent(), timeouts.idle(), timeouts.total()));
  }
}
