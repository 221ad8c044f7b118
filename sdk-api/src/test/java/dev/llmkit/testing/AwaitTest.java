package dev.llmkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsAsSoonAsTheConditionHolds() {
    AtomicInteger polls = new AtomicInteger();

    Await.until("the third poll", Duration.ofSeconds(5), () -> polls.incrementAndGet() == 3);

    assertThat(polls).hasValue(3);
  }

  @Test
  void failsNamingWhatItWaitedFor() {
    assertThatThrownBy(() -> Await.until("a miracle", Duration.ofMillis(50), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after 50 ms waiting for a miracle");
  }
}
