package dev.llmkit.local.internal.engine;

import dev.llmkit.LlmException;
import io.reactivex.rxjava3.core.FlowableOperator;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Drops an {@link LlmException} that arrives after the subscriber cancelled, instead of letting
 * RxJava report it to {@code RxJavaPlugins} as undeliverable. A token in progress when a stream is
 * disposed can still fail (e.g. "client closed" when the client is closed right after): the
 * subscriber left, so nobody is owed that error. Other throwables (bugs) still pass on.
 */
final class QuietAfterCancel<T> implements FlowableOperator<T, T> {

  @Override
  public Subscriber<? super T> apply(Subscriber<? super T> downstream) {
    return new Guard<>(downstream);
  }

  private static final class Guard<T> implements FlowableSubscriber<T>, Subscription {
    private final Subscriber<? super T> downstream;
    private @Nullable Subscription upstream;
    private volatile boolean cancelled;

    Guard(Subscriber<? super T> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Subscription s) {
      upstream = s;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(T t) {
      if (!cancelled) {
        downstream.onNext(t);
      }
    }

    @Override
    public void onError(Throwable t) {
      if (!cancelled || !(t instanceof LlmException)) {
        downstream.onError(t);
      }
    }

    @Override
    public void onComplete() {
      if (!cancelled) {
        downstream.onComplete();
      }
    }

    @Override
    public void request(long n) {
      Subscription s = upstream; // set in onSubscribe, before downstream can request
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
