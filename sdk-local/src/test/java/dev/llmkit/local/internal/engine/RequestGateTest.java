package dev.llmkit.local.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.processors.PublishProcessor;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestGateTest {
  private final AtomicInteger started = new AtomicInteger();

  private <T> io.reactivex.rxjava3.core.Flowable<T> counted(PublishProcessor<T> work) {
    return work.doOnSubscribe(s -> started.incrementAndGet());
  }

  @Test
  void admitsUpToTheLimitAndQueuesTheRest() {
    RequestGate gate = new RequestGate(2);

    gate.admit(counted(PublishProcessor.<Integer>create())).test();
    gate.admit(counted(PublishProcessor.<Integer>create())).test();
    gate.admit(counted(PublishProcessor.<Integer>create())).test();

    assertThat(started).hasValue(2);
    assertThat(gate.active()).isEqualTo(2);
    assertThat(gate.waiting()).isEqualTo(1);
  }

  @Test
  void completionHandsTheSlotToTheNextWaiterInOrder() {
    RequestGate gate = new RequestGate(1);
    PublishProcessor<Integer> first = PublishProcessor.create();
    PublishProcessor<Integer> second = PublishProcessor.create();
    PublishProcessor<Integer> third = PublishProcessor.create();
    gate.admit(first).test();
    TestSubscriber<Integer> s2 = gate.admit(second).test();
    gate.admit(third).test();

    first.onComplete();
    second.onNext(7);

    s2.assertValues(7);
    assertThat(third.hasSubscribers()).isFalse();
    assertThat(gate.active()).isEqualTo(1);
    assertThat(gate.waiting()).isEqualTo(1);
  }

  @Test
  void cancellingARunningRequestFreesItsSlot() {
    RequestGate gate = new RequestGate(1);
    TestSubscriber<Integer> running = gate.admit(PublishProcessor.<Integer>create()).test();
    PublishProcessor<Integer> next = PublishProcessor.create();
    gate.admit(next).test();

    running.cancel();

    assertThat(next.hasSubscribers()).isTrue();
  }

  @Test
  void cancelledWaitersAreSkipped() {
    RequestGate gate = new RequestGate(1);
    PublishProcessor<Integer> first = PublishProcessor.create();
    PublishProcessor<Integer> gone = PublishProcessor.create();
    PublishProcessor<Integer> next = PublishProcessor.create();
    gate.admit(first).test();
    TestSubscriber<Integer> goneSub = gate.admit(gone).test();
    gate.admit(next).test();

    goneSub.cancel();
    first.onError(new IllegalStateException("boom"));

    assertThat(gone.hasSubscribers()).isFalse();
    assertThat(next.hasSubscribers()).isTrue();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void lastCompletionFreesTheSlot() {
    RequestGate gate = new RequestGate(1);
    PublishProcessor<Integer> work = PublishProcessor.create();
    gate.admit(work).test();

    work.onComplete();

    assertThat(gate.active()).isZero();
  }
}
