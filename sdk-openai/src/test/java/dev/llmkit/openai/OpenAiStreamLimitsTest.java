package dev.llmkit.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.chat.ChatChunk;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hostile or stuck server cannot exhaust the heap or hold a stream open forever. */
class OpenAiStreamLimitsTest {
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

  private OpenAiClient client(OpenAiClient.Builder b) {
    OpenAiClient c = b.build();
    clients.add(c);
    return c;
  }

  private TestSubscriber<String> stream(OpenAiClient.Builder b) {
    return client(b).chat().stream(Requests.hello()).map(ChatChunk::text).test();
  }

  /** Writes {@code total} bytes of one line, stopping quietly when the client hangs up. */
  private static void writeEndlessLine(OutputStream out, long total) {
    byte[] block = "a".repeat(64 * 1024).getBytes();
    try {
      out.write("data: ".getBytes());
      for (long sent = 0; sent < total; sent += block.length) {
        out.write(block);
      }
    } catch (IOException clientHungUp) {
      // expected: the client gave up on the line
    }
  }

  @Test
  void lineLongerThanTheLimitFailsTypedWithoutBufferingIt() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("first"));
          writeEndlessLine(out, 400L * 1024 * 1024);
        });
    OpenAiClient.Builder b = Requests.client(raw.baseUrl()).maxStreamEventSize(256 * 1024);

    TestSubscriber<String> ts = stream(b).awaitDone(20, TimeUnit.SECONDS);

    ts.assertValues("first")
        .assertError(LlmStreamException.class)
        .assertError(
            e ->
                e.getMessage().contains("262144 bytes (maxStreamEventSize)")
                    && e.getMessage().contains("line break"));
  }

  @Test
  void eventOfManyShortLinesIsBoundedToo() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          try {
            for (int i = 0; i < 100_000; i++) {
              out.write("data: 0123456789012345678901234567890123456789\n".getBytes());
            }
          } catch (IOException clientHungUp) {
            // expected
          }
        });
    OpenAiClient.Builder b = Requests.client(raw.baseUrl()).maxStreamEventSize(64 * 1024);

    TestSubscriber<String> ts = stream(b).awaitDone(10, TimeUnit.SECONDS);

    ts.assertNoValues()
        .assertError(
            e ->
                e instanceof LlmStreamException
                    && e.getMessage().contains("blank line ending the event"));
  }

  @Test
  void eventJustUnderTheLimitIsDelivered() {
    String text = "b".repeat(1500);
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted(text) + "data: [DONE]\n\n");
        });
    OpenAiClient.Builder b = Requests.client(raw.baseUrl()).maxStreamEventSize(2048);

    stream(b).awaitDone(5, TimeUnit.SECONDS).assertValues(text).assertComplete();
  }

  @Test
  void commentsAloneDoNotKeepAStreamAlivePastTheIdleTimeout() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("first"));
          try {
            for (int i = 0; i < 600; i++) { // one minute of keep-alive comments
              RawServer.write(out, ":\n");
              Thread.sleep(100); // a server that keeps the stream alive
            }
          } catch (IOException clientHungUp) {
            // expected
          }
        });
    OpenAiClient.Builder b =
        Requests.client(raw.baseUrl())
            .readTimeout(Duration.ofSeconds(30))
            .streamIdleTimeout(Duration.ofMillis(700));

    long start = System.nanoTime();
    TestSubscriber<String> ts = stream(b).awaitDone(10, TimeUnit.SECONDS);

    ts.assertValues("first")
        .assertError(
            e ->
                e instanceof LlmStreamException
                    && e.getMessage()
                        .contains("no event for 700 ms after 1 events (streamIdleTimeout)"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void idleTimeoutBeforeTheFirstEventIsATimeoutIoException() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          for (int i = 0; i < 100; i++) {
            RawServer.write(out, ": keep-alive\n\n");
            Thread.sleep(100); // a server that keeps the stream alive
          }
        });
    OpenAiClient.Builder b =
        Requests.client(raw.baseUrl()).streamIdleTimeout(Duration.ofMillis(500));

    TestSubscriber<String> ts = stream(b).awaitDone(10, TimeUnit.SECONDS);

    ts.assertNoValues()
        .assertError(
            e ->
                e instanceof LlmIoException io
                    && io.isTimeout()
                    && e.getMessage().contains("stream idle timeout of 500 ms"));
  }

  @Test
  void totalStreamTimeoutEndsAStreamThatKeepsSendingEvents() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          try {
            for (int i = 0; i < 600; i++) {
              RawServer.write(out, CHUNK.formatted("t" + i));
              Thread.sleep(100); // a slow stream
            }
          } catch (IOException clientHungUp) {
            // expected
          }
        });
    OpenAiClient.Builder b = Requests.client(raw.baseUrl()).streamTimeout(Duration.ofMillis(800));

    TestSubscriber<String> ts = stream(b).awaitDone(10, TimeUnit.SECONDS);

    assertThat(ts.values()).isNotEmpty().hasSizeLessThan(30);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("ran longer than 800 ms")
                && e.getMessage().contains("(streamTimeout)"));
  }

  @Test
  void serverThatNeverAnswersFailsAfterTheCallTimeout() {
    raw.serve((socket, in, out) -> Thread.sleep(10_000)); // a server that never answers
    OpenAiClient client =
        client(Requests.client(raw.baseUrl()).callTimeout(Duration.ofMillis(600)));

    long start = System.nanoTime();
    LlmIoException e =
        catchThrowableOfType(LlmIoException.class, () -> client.chat().chat(Requests.hello()));

    assertThat(e).isNotNull();
    assertThat(e.isTimeout()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void streamFromAServerThatNeverAnswersFailsAfterTheCallTimeout() {
    raw.serve((socket, in, out) -> Thread.sleep(10_000)); // a server that never answers
    OpenAiClient.Builder b = Requests.client(raw.baseUrl()).callTimeout(Duration.ofMillis(600));

    TestSubscriber<String> ts = stream(b).awaitDone(5, TimeUnit.SECONDS);

    ts.assertError(e -> e instanceof LlmIoException io && io.isTimeout());
  }

  @Test
  void bodyCutInTheMiddleOfALineSaysSo() {
    raw.serve(
        (socket, in, out) -> {
          RawServer.writeSseHeaders(out);
          RawServer.write(out, CHUNK.formatted("first") + "data: {\"id\":\"c1\",\"cho");
        });
    OpenAiClient.Builder b = Requests.client(raw.baseUrl());

    TestSubscriber<String> ts = stream(b).awaitDone(5, TimeUnit.SECONDS);

    ts.assertValues("first")
        .assertError(
            e ->
                e instanceof LlmStreamException
                    && e.getMessage().contains("ended in the middle of a line")
                    && !e.getMessage().contains("byteCount"));
  }

  @Test
  void limitsAreValidatedAndHaveDocumentedDefaults() {
    assertThatThrownBy(() -> OpenAiClient.builder().maxStreamEventSize(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStreamEventSize");
    assertThatThrownBy(() -> OpenAiClient.builder().streamIdleTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("streamIdleTimeout");
    assertThat(OpenAiClient.DEFAULT_STREAM_IDLE_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
    assertThat(OpenAiClient.DEFAULT_MAX_STREAM_EVENT_SIZE).isEqualTo(8 * 1024 * 1024);
  }
}
