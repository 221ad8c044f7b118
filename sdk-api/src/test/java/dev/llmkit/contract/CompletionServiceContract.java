package dev.llmkit.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.LlmException;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionChunk;
import dev.llmkit.completion.CompletionChunks;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.completion.CompletionResponse;
import dev.llmkit.completion.CompletionService;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CompletionService} (legacy text completions) must show, whatever the
 * provider. A provider's test subclasses this and supplies the service and requests; see {@code
 * sdk-openai} (WireMock goldens) and {@code sdk-local} (a tiny synthetic model) for examples.
 *
 * <p>{@link #validRequest()} must be answered deterministically (same text for the same request,
 * e.g. temperature 0 or a fixed golden), since blocking, streamed and async results are compared.
 */
public abstract class CompletionServiceContract {
  /** The service under test. Called once per test method. */
  protected abstract CompletionService completionService();

  /** A request the provider answers successfully and deterministically. */
  protected abstract CompletionRequest validRequest();

  /**
   * A well-formed request the provider rejects, e.g. naming a model that does not exist. The
   * blocking call must throw an {@link LlmException}.
   */
  protected abstract CompletionRequest invalidRequest();

  /**
   * A request whose response carries a top-level field named {@link #unknownFieldName()} that the
   * SDK does not model, and a finish reason the SDK does not know. Defaults to {@link
   * #validRequest()}.
   */
  protected CompletionRequest unknownFieldsRequest() {
    return validRequest();
  }

  /** Whether the provider can send unknown fields at all; the local provider cannot. */
  protected boolean providesUnknownFields() {
    return true;
  }

  /** The unknown field {@link #unknownFieldsRequest()} produces. */
  protected String unknownFieldName() {
    return "future_field";
  }

  /** How long one call may take. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  @Test
  void rejectsNullRequest() {
    CompletionService service = completionService();

    NullPointerException blocking =
        assertThrows(NullPointerException.class, () -> service.complete(null));
    NullPointerException stream =
        assertThrows(NullPointerException.class, () -> service.stream(null));
    NullPointerException async =
        assertThrows(NullPointerException.class, () -> service.completeAsync(null));

    for (NullPointerException e : new NullPointerException[] {blocking, stream, async}) {
      assertNotNull(e.getMessage(), "the NullPointerException must say which argument was null");
      assertTrue(e.getMessage().contains("request"), "message names 'request': " + e.getMessage());
    }
  }

  @Test
  void streamAggregatesToSameResponseAsComplete() {
    CompletionService service = completionService();
    CompletionRequest request = validRequest().toBuilder().streamIncludeUsage(true).build();

    CompletionResponse blocking = service.complete(request);
    CompletionResponse streamed =
        await(CompletionChunks.aggregate(service.stream(request)).toFlowable());

    assertEquals(blocking.choices().size(), streamed.choices().size(), "number of choices");
    for (int i = 0; i < blocking.choices().size(); i++) {
      CompletionChoice b = blocking.choices().get(i);
      CompletionChoice s = streamed.choices().get(i);
      assertEquals(b.index(), s.index(), "choice index");
      assertEquals(b.text(), s.text(), "text of choice " + i);
      assertEquals(b.finishReason(), s.finishReason(), "finish reason of choice " + i);
      assertEquals(b.logprobs(), s.logprobs(), "logprobs of choice " + i);
    }
    if (blocking.usage().isPresent()) {
      assertEquals(blocking.usage(), streamed.usage(), "usage (stream_options.include_usage)");
    }
    assertEquals(blocking.model(), streamed.model(), "model");
  }

  @Test
  void disposingStreamStopsEmissions() throws InterruptedException {
    CompletionService service = completionService();
    CompletionRequest request = validRequest();

    try (PluginErrors pluginErrors = PluginErrors.track()) {
      TestSubscriber<CompletionChunk> first = service.stream(request).take(1).test();
      first.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);
      first.assertValueCount(1).assertComplete().assertNoErrors();

      TestSubscriber<CompletionChunk> disposed = new TestSubscriber<>(1);
      Flowable<CompletionChunk> stream = service.stream(request);
      stream.subscribe(disposed);
      awaitFirst(disposed);
      disposed.cancel();
      int seen = disposed.values().size();
      Thread.sleep(300); // no chunk may follow the dispose: nothing to wait for

      assertEquals(1, seen, "one chunk requested, one delivered");
      assertEquals(seen, disposed.values().size(), "no chunk after dispose");
      disposed.assertNoErrors();
      assertTrue(pluginErrors.errors().isEmpty(), "undeliverable errors: " + pluginErrors.errors());
    }
  }

  @Test
  void asyncDeliversSameResultAsBlocking() {
    CompletionService service = completionService();
    CompletionRequest request = validRequest();

    CompletionResponse blocking = service.complete(request);
    CompletionResponse async = await(service.completeAsync(request).toFlowable());

    assertEquals(blocking.text(), async.text(), "text");
    assertEquals(blocking.choices().size(), async.choices().size(), "number of choices");
    assertEquals(
        blocking.choices().get(0).finishReason(), async.choices().get(0).finishReason(), "finish");
  }

  @Test
  void asyncDeliversSameErrorsAsBlocking() {
    CompletionService service = completionService();
    CompletionRequest request = invalidRequest();

    LlmException blocking = assertThrows(LlmException.class, () -> service.complete(request));
    TestObserver<CompletionResponse> async = service.completeAsync(request).test();
    async.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    async.assertNoValues();
    async.assertError(e -> e.getClass() == blocking.getClass());
    assertFalse(blocking.getMessage() == null || blocking.getMessage().isBlank(), "a message");
  }

  @Test
  void streamDeliversErrorsThroughOnError() {
    CompletionService service = completionService();
    CompletionRequest request = invalidRequest();
    LlmException blocking = assertThrows(LlmException.class, () -> service.complete(request));

    Flowable<CompletionChunk> stream =
        assertDoesNotThrow(() -> service.stream(request), "stream() must use onError, not throw");
    TestSubscriber<CompletionChunk> subscriber = stream.test();
    subscriber.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    subscriber.assertError(e -> e.getClass() == blocking.getClass());
  }

  @Test
  void unknownFieldsAndEnumValuesSurvive() {
    assumeTrue(providesUnknownFields(), "this provider sends no unknown fields");
    CompletionService service = completionService();

    CompletionResponse response = service.complete(unknownFieldsRequest());

    assertTrue(
        response.extra().containsKey(unknownFieldName()),
        "extra() keeps '" + unknownFieldName() + "'; it has " + response.extra().keySet());
    FinishReason reason =
        response.choices().get(0).finishReason().orElseThrow(() -> new AssertionError("none"));
    assertFalse(reason.isKnown(), "the finish reason should be unknown to the SDK: " + reason);
  }

  private void awaitFirst(TestSubscriber<?> subscriber) throws InterruptedException {
    long deadline = System.nanoTime() + timeout().toNanos();
    while (subscriber.values().isEmpty() && System.nanoTime() < deadline) {
      if (subscriber.await(5, TimeUnit.MILLISECONDS)) {
        return; // terminated: the assertions that follow report how
      }
    }
  }

  private <T> T await(Flowable<T> single) {
    TestSubscriber<T> subscriber = single.test();
    subscriber.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);
    subscriber.assertNoErrors().assertComplete().assertValueCount(1);
    return subscriber.values().get(0);
  }
}
