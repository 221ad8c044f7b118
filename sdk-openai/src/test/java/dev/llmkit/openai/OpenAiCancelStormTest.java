package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatChunk;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cancel storm on the OpenAI provider: {@code N} streams of a slowly dribbling WireMock body,
 * each cancelled after its first chunk, 8 at a time. Afterwards no call is running, no connection
 * is left in the pool, the file descriptors and OkHttp threads are back to where they were (once
 * the client is closed), nothing reached RxJavaPlugins, and the client still answers. {@code
 * -Dllmkit.storm=N} sets the number of streams (default 200; RELIABILITY.md records 2,000).
 */
@WireMockTest
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OpenAiCancelStormTest {
  private static final int STORM = Integer.getInteger("llmkit.storm", 200);
  private static final int AT_ONCE = 8;
  private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
  }

  @AfterEach
  void tearDown() {
    RxJavaPlugins.reset();
  }

  @Test
  void cancellingStreamsAfterTheirFirstChunkLeavesNothingBehind(WireMockRuntimeInfo wm)
      throws Exception {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/stream/stream-long.sse"))
                    .withChunkedDribbleDelay(50, 3_000)));
    stubFor(
        post("/v1/embeddings")
            .willReturn(okJson(Golden.read("openai/embeddings/response-float.json"))));
    long fdsBefore = fileDescriptors();
    java.util.Set<Thread> threadsBefore = OkHttpThreads.snapshot();
    long start = System.nanoTime();
    OpenAiClient client = Requests.client(wm.getHttpBaseUrl()).maxRetries(0).build();
    client.transport().httpClient().dispatcher().setMaxRequestsPerHost(AT_ONCE);

    for (int i = 0; i < STORM; i += AT_ONCE) {
      List<TestSubscriber<ChatChunk>> wave = new java.util.ArrayList<>();
      for (int j = i; j < Math.min(STORM, i + AT_ONCE); j++) {
        wave.add(client.chat().stream(Requests.hello()).test());
      }
      for (TestSubscriber<ChatChunk> s : wave) {
        s.awaitCount(1);
        s.assertNoErrors();
        s.cancel();
      }
    }
    await(() -> client.transport().httpClient().dispatcher().runningCallsCount() == 0, 10_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    int connections = client.transport().httpClient().connectionPool().connectionCount();
    boolean answers =
        !client
            .embeddings()
            .embed(
                dev.llmkit.embedding.EmbeddingRequest.builder()
                    .model("text-embedding-3-small")
                    .input("still there?")
                    .build())
            .data()
            .isEmpty();
    client.close();
    await(() -> OkHttpThreads.since(threadsBefore).isEmpty(), 10_000);
    await(() -> fileDescriptors() <= fdsBefore + 4, 10_000);
    System.out.printf(
        "OpenAI cancel storm: %d streams in %.1f s, %d running calls, %d pooled"
            + " connections before close, fds %d -> %d, OkHttp threads %d -> %d, %d undeliverable%n",
        STORM,
        seconds,
        client.transport().httpClient().dispatcher().runningCallsCount(),
        connections,
        fdsBefore,
        fileDescriptors(),
        threadsBefore.size(),
        threadsBefore.size() + OkHttpThreads.since(threadsBefore).size(),
        undeliverable.size());

    assertThat(connections).as("connections of cancelled streams kept").isLessThanOrEqualTo(1);
    assertThat(answers).as("the client still answers").isTrue();
    assertThat(undeliverable).as("RxJavaPlugins undeliverable errors").isEmpty();
    assertThat(OkHttpThreads.since(threadsBefore)).as("OkHttp threads left").isEmpty();
    if (fdsBefore >= 0) {
      assertThat(fileDescriptors()).as("file descriptors left").isLessThanOrEqualTo(fdsBefore + 4);
    }
  }

  /** Open file descriptors of this JVM (Linux), or -1 where /proc is missing. */
  private static long fileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }
}
