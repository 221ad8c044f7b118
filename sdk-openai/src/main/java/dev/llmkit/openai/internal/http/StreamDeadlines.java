package dev.llmkit.openai.internal.http;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The time limits of one stream, checked on RxJava's computation scheduler: the first event must
 * arrive within {@code firstEvent}, no two events may be further apart than {@code idle}, and the
 * whole stream must end within {@code total}. Zero disables a limit. Comments and keep-alive lines
 * are not events: a server that sends only those is idle. Socket read and call timeouts cannot see
 * that, because bytes keep arriving.
 *
 * <p>The idle check costs one {@code System.nanoTime()} per event and one scheduled task per idle
 * period, not one per event.
 */
final class StreamDeadlines {
  /** Which limit expired. */
  enum Kind {
    FIRST_EVENT("streamFirstTokenTimeout"),
    IDLE("streamIdleTimeout"),
    TOTAL("streamTimeout");

    final String option;

    Kind(String option) {
      this.option = option;
    }
  }

  /** Receives the expiry of a limit; called at most once. */
  interface Expiry {
    void expired(Kind kind, Duration limit);
  }

  private final Duration firstEvent;
  private final Duration idle;
  private final Duration total;
  private final Scheduler scheduler = Schedulers.computation();
  private @Nullable Expiry expiry;
  private volatile boolean stopped;
  private volatile boolean eventSeen;
  private volatile long lastEventNanos;
  private volatile @Nullable Disposable firstTimer;
  private volatile @Nullable Disposable idleTimer;
  private volatile @Nullable Disposable totalTimer;

  StreamDeadlines(Duration firstEvent, Duration idle, Duration total) {
    this.firstEvent = firstEvent;
    this.idle = idle;
    this.total = total;
  }

  /** Starts the clocks; {@code expiry} hears of the first limit that runs out. */
  void start(Expiry expiry) {
    this.expiry = expiry;
    lastEventNanos = System.nanoTime();
    if (isSet(firstEvent)) {
      firstTimer =
          scheduler.scheduleDirect(
              () -> {
                if (!eventSeen) {
                  expire(Kind.FIRST_EVENT, firstEvent);
                }
              },
              firstEvent.toNanos(),
              TimeUnit.NANOSECONDS);
    }
    if (isSet(idle)) {
      idleTimer = scheduler.scheduleDirect(this::checkIdle, idle.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (isSet(total)) {
      totalTimer =
          scheduler.scheduleDirect(
              () -> expire(Kind.TOTAL, total), total.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Records an event (not a comment). */
  void onEvent() {
    lastEventNanos = System.nanoTime();
    if (!eventSeen) {
      eventSeen = true;
      dispose(firstTimer);
    }
  }

  /** Stops every clock. Idempotent. */
  void stop() {
    stopped = true;
    dispose(firstTimer);
    dispose(idleTimer);
    dispose(totalTimer);
  }

  private void checkIdle() {
    if (stopped) {
      return;
    }
    long since = System.nanoTime() - lastEventNanos;
    long limit = idle.toNanos();
    if (since >= limit) {
      expire(Kind.IDLE, idle);
    } else {
      idleTimer = scheduler.scheduleDirect(this::checkIdle, limit - since, TimeUnit.NANOSECONDS);
      if (stopped) {
        dispose(idleTimer);
      }
    }
  }

  private void expire(Kind kind, Duration limit) {
    Expiry e = expiry;
    if (stopped || e == null) {
      return;
    }
    stop();
    e.expired(kind, limit);
  }

  private static boolean isSet(Duration d) {
    return !d.isZero() && !d.isNegative();
  }

  private static void dispose(@Nullable Disposable d) {
    if (d != null) {
      d.dispose();
    }
  }
}
