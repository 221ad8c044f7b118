package dev.llmkit.spring.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.LlmStreamException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.common.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decorated ChatService keeps the stream contract: cold, pull-driven, cancellable. */
class MeteredChatServiceTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong requested = new AtomicLong();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicLong subscriptions = new AtomicLong();
  private Flowable<ChatChunk> upstream =
      Flowable.range(1, 100)
          .map(i -> chunk(null))
          .concatWith(Flowable.just(chunk(Usage.of(7, 100))));

  private final ChatService provider =
      new ChatService() {
        @Override
        public ChatResponse chat(ChatRequest request) {
          throw new LlmStreamException("test", "boom");
        }

        @Override
        public Flowable<ChatChunk> stream(ChatRequest request) {
          return upstream
              .doOnSubscribe(s -> subscriptions.incrementAndGet())
              .doOnRequest(requested::addAndGet)
              .doOnCancel(() -> cancelled.set(true));
        }
      };
  private final ChatService metered =
      (ChatService) LlmMetricsPostProcessor.decorate(provider, new LlmMeters(registry, "test"));

  private static ChatChunk chunk(Usage usage) {
    return ChatChunk.builder().id("c").model("m").choices(List.of()).usage(usage).build();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().model("m").addUserMessage("Hi").build();
  }

  @Test
  void requestsOnlyWhatTheSubscriberAsksFor() {
    TestSubscriber<ChatChunk> subscriber = metered.stream(request()).test(3);

    subscriber.assertValueCount(3).assertNotComplete();
    assertThat(requested.get()).isEqualTo(3);
  }

  @Test
  void cancellingReachesTheProviderAndIsRecorded() {
    TestSubscriber<ChatChunk> subscriber = metered.stream(request()).test(1);

    subscriber.cancel();

    assertThat(cancelled).isTrue();
    assertThat(registry.get("llmkit.requests").tag("outcome", "cancelled").timer().count())
        .isEqualTo(1);
    assertThat(registry.find("llmkit.tokens").counter()).isNull();
  }

  @Test
  void streamIsColdAndMeasuredPerSubscription() {
    Flowable<ChatChunk> stream = metered.stream(request());

    assertThat(subscriptions.get()).isZero();
    stream.test().assertValueCount(100).assertComplete(); // the usage chunk was not asked for
    stream.test().assertValueCount(100).assertComplete();

    assertThat(subscriptions.get()).isEqualTo(2);
    assertThat(registry.get("llmkit.requests").tag("outcome", "success").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("llmkit.stream.first-token").timer().count()).isEqualTo(2);
    assertThat(registry.get("llmkit.tokens").tag("type", "output").counter().count())
        .isEqualTo(200.0);
  }

  @Test
  void streamAsksForUsageAndPassesItOnOnlyToCallersWhoAskedForIt() {
    List<ChatRequest> sent = new java.util.ArrayList<>();
    ChatService recording =
        (ChatService)
            LlmMetricsPostProcessor.decorate(
                new ChatService() {
                  @Override
                  public ChatResponse chat(ChatRequest request) {
                    throw new UnsupportedOperationException();
                  }

                  @Override
                  public Flowable<ChatChunk> stream(ChatRequest request) {
                    sent.add(request);
                    return upstream;
                  }
                },
                new LlmMeters(registry, "test"));

    recording.stream(request()).test().assertValueCount(100);
    recording.stream(request().toBuilder().streamIncludeUsage(true).build())
        .test()
        .assertValueCount(101);

    assertThat(sent).extracting(ChatRequest::streamIncludeUsage).containsExactly(true, true);
    assertThat(registry.get("llmkit.tokens").tag("type", "output").counter().count())
        .isEqualTo(200.0);
  }

  @Test
  void streamErrorsPassThroughAndAreCountedByType() {
    upstream = Flowable.error(new LlmStreamException("test", "cut off"));

    metered.stream(request()).test().assertError(LlmStreamException.class);

    assertThat(registry.get("llmkit.errors").tag("type", "LlmStreamException").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void blockingErrorsAreRethrownUnchanged() {
    assertThatThrownBy(() -> metered.chat(request()))
        .isInstanceOf(LlmStreamException.class)
        .hasMessageContaining("boom");

    assertThat(registry.get("llmkit.requests").tag("outcome", "error").timer().count())
        .isEqualTo(1);
  }

  @Test
  void nullRequestIsRejectedLikeTheProviderDoes() {
    assertThatThrownBy(() -> metered.chat(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("request");
  }
}
