package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.chat.ChatChunk;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancellation, backpressure, timeouts and connection faults of chat streams. */
@WireMockTest
class OpenAiStreamLifecycleTest {
  private static final String CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n";

  private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();
  private final List<OpenAiClient> clients = new CopyOnWriteArrayList<>();
  private RawServer raw;

  @BeforeEach
  void setUp() throws Exception {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    raw = new RawServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(OpenAiClient::close);
    raw.close();
    RxJavaPlugins.reset();
    assertThat(undeliverable).as("RxJavaPlugins undeliverable errors").isEmpty();
  }

  private OpenAiClient client(String baseUrl, int maxRetries) {
    OpenAiClient c =
        Requests.client(baseUrl)
            .maxRetries(maxRetries)
            .sleeper(new Requests.RecordingSleeper())
            .build();
    clients.add(c);
    return c;
  }

  @Test
  void disposingTheStreamClosesTheConnectionAndStopsEmissions() throws Exception {
    CountDownLatch clientClosed = new CountDownLatch(1);
    CompletableFuture<Void> served =
        raw.serve(
            (socket, in, out) -> {
              RawServer.writeSseHeaders(out);
              RawServer.write(out, CHUNK.formatted("first"));
              if (RawServer.awaitClientClose(in)) {
                clientClosed.countDown();
              }
            });
    TestSubscriber<ChatChunk> ts = client(raw.baseUrl(), 0).chat().stream(Requests.hello()).test();
    ts.awaitCount(1);

    ts.cancel();

    assertThat(clientClosed.await(3, TimeUnit.SECONDS)).as("server saw the close").isTrue();
    served.get(3, TimeUnit.SECONDS);
    Thread.sleep(100); // no event may follow the cancel
    ts.assertValueCount(1).assertNotComplete().assertNoErrors();
  }

  @Test
  void disposingADribblingWireMockStreamStopsReadingQuickly(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/stream/stream-long.sse"))
                    .withChunkedDribbleDelay(200, 20_000)));
    OpenAiClient client = client(wm.getHttpBaseUrl(), 0);
    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();
    ts.awaitCount(2);

    long start = System.nanoTime();
    ts.cancel();
    int seen = ts.values().size();

    await(() -> client.transport().httpClient().dispatcher().runningCallsCount() == 0, 3_000);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(client.transport().httpClient().connectionPool().connectionCount()).isZero();
    ts.assertValueCount(seen).assertNotComplete().assertNoErrors();
  }

  @Test
  void slowSubscriberStopsTheClientReadingTheSocket() throws Exception {
    int events = 8_000;
    String padding = "x".repeat(4_000);
    AtomicLong bytesWritten = new AtomicLong();
    CompletableFuture<Void> served =
        raw.serve(
            (socket, in, out) -> {
              socket.setSendBufferSize(64 * 1024);
              RawServer.writeSseHeaders(out);
              for (int i = 0; i < events; i++) {
                byte[] bytes = CHUNK.formatted(padding).getBytes();
                out.write(bytes);
                bytesWritten.addAndGet(bytes.length);
              }
              RawServer.write(
                  out,
                  "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            });
    TestSubscriber<ChatChunk> ts = new TestSubscriber<>(1);
    client(raw.baseUrl(), 0).chat().stream(Requests.hello()).subscribe(ts);
    ts.awaitCount(1);

    long stalledAt = awaitStable(bytesWritten, 400, 10_000);

    assertThat(stalledAt)
        .as("bytes the server could write before TCP flow control stalled it")
        .isLessThan(events * 4_000L / 2);
    ts.assertValueCount(1);
    assertThat(served).isNotDone();

    ts.request(Long.MAX_VALUE);
    ts.awaitDone(30, TimeUnit.SECONDS).assertNoErrors().assertComplete();
    assertThat(ts.values()).hasSize(events + 1);
  }

  @Test
  void firstTokenTimeoutFailsAStreamThatSendsOnlyKeepAlives() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, ": keep-alive\n\n");
          RawServer.awaitClientClose(in);
        });
    OpenAiClient client =
        Requests.client(raw.baseUrl()).streamFirstTokenTimeout(Duration.ofMillis(300)).build();
    clients.add(client);

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(5, TimeUnit.SECONDS);
    ts.assertNoValues();
    ts.assertError(
        e ->
            e instanceof LlmIoException io
                && io.isTimeout()
                && e.getMessage().contains("first-token timeout of 300 ms"));
  }

  @Test
  void firstTokenTimeoutDoesNotFireOnceDataFlows(WireMockRuntimeInfo wm) {
    OpenAiChatStreamingTest.stubStream(Golden.read("openai/stream/stream-basic.sse"));
    OpenAiClient client =
        Requests.client(wm.getHttpBaseUrl())
            .streamFirstTokenTimeout(Duration.ofMillis(500))
            .build();
    clients.add(client);

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(5, TimeUnit.SECONDS).assertNoErrors().assertComplete();
  }

  @Test
  void callTimeoutCoversOnlyTheTimeUntilTheStreamStarted() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          for (int i = 0; i < 6; i++) {
            RawServer.write(out, CHUNK.formatted("t" + i));
            Thread.sleep(400); // a slow stream: 2.4 s in all, twice the call timeout
          }
          RawServer.write(
              out,
              "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        });
    OpenAiClient client =
        // 1.2 s to get the stream started: 0.5 s was missed once by a stalled JVM in a full build
        Requests.client(raw.baseUrl()).callTimeout(Duration.ofMillis(1200)).build();
    clients.add(client);

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS).assertNoErrors().assertComplete().assertValueCount(7);
  }

  @Test
  void readTimeoutBetweenEventsCutsTheStream() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("first"));
          RawServer.awaitClientClose(in);
        });
    OpenAiClient client =
        Requests.client(raw.baseUrl()).readTimeout(Duration.ofMillis(300)).build();
    clients.add(client);

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("after 1 events")
                && e.getCause() instanceof java.net.SocketTimeoutException);
  }

  @Test
  void connectionResetMidStreamIsAStreamErrorAndIsNotRetried() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("a") + CHUNK.formatted("b"));
          Thread.sleep(200); // let the client read both chunks
          socket.setSoLinger(true, 0); // close with RST
        });

    TestSubscriber<ChatChunk> ts = client(raw.baseUrl(), 2).chat().stream(Requests.hello()).test();

    ts.awaitDone(5, TimeUnit.SECONDS);
    ts.assertValueCount(2);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("stream interrupted after 2 events"));
  }

  @Test
  void streamCutAfterHeadersButBeforeItsFirstEventIsRetried() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, ": still thinking\n\n");
          socket.setSoLinger(true, 0); // reset before any event
        });
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, Golden.read("openai/stream/stream-basic.sse"));
        });
    Requests.RecordingSleeper sleeper = new Requests.RecordingSleeper();
    OpenAiClient client =
        Requests.client(raw.baseUrl()).maxRetries(2).sleeper(sleeper).random(() -> 0).build();
    clients.add(client);

    List<ChatChunk> chunks =
        client.chat().stream(Requests.hello()).toList().timeout(10, TimeUnit.SECONDS).blockingGet();

    assertThat(chunks).hasSize(5);
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void emptyStreamsAreRetriedUntilRetriesRunOut() throws Exception {
    for (int i = 0; i < 2; i++) {
      raw.serve((socket, in, out) -> RawServer.writeSseHeaders(out));
    }
    Requests.RecordingSleeper sleeper = new Requests.RecordingSleeper();
    OpenAiClient client =
        Requests.client(raw.baseUrl()).maxRetries(1).sleeper(sleeper).random(() -> 0).build();
    clients.add(client);

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertNoValues()
        .assertError(
            e -> e instanceof LlmStreamException && e.getMessage().contains("after 0 events"));
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void connectionResetBeforeAnyDataIsAnIoError(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    TestSubscriber<ChatChunk> ts =
        client(wm.getHttpBaseUrl(), 0).chat().stream(Requests.hello()).test();

    ts.awaitDone(5, TimeUnit.SECONDS);
    ts.assertError(e -> e instanceof LlmIoException io && !io.isTimeout() && io.isRetryable());
  }

  @Test
  void streamIsRetriedBeforeItsFirstChunk(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .inScenario("retry")
            .whenScenarioStateIs("Started")
            .willReturn(aResponse().withStatus(503).withBody(Golden.read("openai/errors/503.json")))
            .willSetStateTo("recovered"));
    stubFor(
        post("/v1/chat/completions")
            .inScenario("retry")
            .whenScenarioStateIs("recovered")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/stream/stream-basic.sse"))));

    List<ChatChunk> chunks =
        client(wm.getHttpBaseUrl(), 2).chat().stream(Requests.hello()).toList().blockingGet();

    assertThat(chunks).hasSize(5);
    verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void closingTheClientEndsOpenStreamsAndReleasesThreads() throws Exception {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("first"));
          RawServer.awaitClientClose(in);
        });
    OpenAiClient client = client(raw.baseUrl(), 0);
    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();
    ts.awaitCount(1);
    await(() -> client.transport().httpClient().dispatcher().runningCallsCount() == 1, 3_000);

    client.close();

    ts.awaitDone(3, TimeUnit.SECONDS);
    ts.assertValueCount(1);
    ts.assertError(e -> e instanceof LlmIoException && e.getMessage().contains("closed"));
    assertThat(client.transport().httpClient().dispatcher().executorService().isShutdown())
        .isTrue();
    await(
        () -> client.transport().httpClient().dispatcher().executorService().isTerminated(), 3_000);
  }

  /** Waits until {@code counter} has not changed for {@code quietMillis}; returns its value. */
  private static long awaitStable(AtomicLong counter, long quietMillis, long maxMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    long last = counter.get();
    long since = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      long now = counter.get();
      if (now != last) {
        last = now;
        since = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - since >= quietMillis) {
        return now;
      }
    }
    throw new AssertionError("the server never stalled; it wrote " + last + " bytes");
  }

  private static void await(java.util.function.BooleanSupplier condition, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + millis + " ms");
      }
      try {
        Thread.sleep(20); // the poll interval of this condition wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
