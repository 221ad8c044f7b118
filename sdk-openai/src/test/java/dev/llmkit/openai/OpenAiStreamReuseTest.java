package dev.llmkit.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.chat.ChatChunk;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streams that end with [DONE] hand their connection back to the pool. */
class OpenAiStreamReuseTest {
  private static final String CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}\n\n";

  private static final List<String> EVENTS =
      List.of(
          CHUNK.formatted("Hel", "null"),
          CHUNK.formatted("lo", "null"),
          CHUNK.formatted("", "\"stop\""),
          "data: [DONE]\n\n");

  @Test
  void oneConnectionServesManySequentialStreams() throws Exception {
    try (KeepAliveServer server = new KeepAliveServer(EVENTS);
        OpenAiClient client = Requests.client(server.baseUrl()).build()) {

      for (int i = 0; i < 25; i++) {
        client.chat().stream(Requests.hello())
            .map(ChatChunk::text)
            .test()
            .awaitDone(5, TimeUnit.SECONDS)
            .assertValues("Hel", "lo", "")
            .assertComplete();
      }

      assertThat(server.requests()).isEqualTo(25);
      assertThat(server.connections()).isEqualTo(1);
      assertThat(client.transport().httpClient().connectionPool().idleConnectionCount())
          .isEqualTo(1);
    }
  }

  @Test
  void blockingCallsAndStreamsShareTheConnection() throws Exception {
    try (KeepAliveServer server = new KeepAliveServer(EVENTS);
        OpenAiClient client = Requests.client(server.baseUrl()).build()) {

      for (int i = 0; i < 5; i++) {
        client.chat().stream(Requests.hello()).blockingSubscribe();
        assertThat(client.chat().stream(Requests.hello()).blockingLast().text()).isEmpty();
      }

      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void serverKeepingTheBodyOpenAfterDoneStillCompletesTheStream() throws Exception {
    try (RawServer raw = new RawServer();
        OpenAiClient client = Requests.client(raw.baseUrl()).build()) {
      raw.serve(
          (socket, in, out) -> {
            RawServer.writeSseHeaders(out);
            RawServer.write(out, EVENTS.get(0) + EVENTS.get(2) + "data: [DONE]\n\n");
            RawServer.write(out, CHUNK.formatted("after done", "null"));
            Thread.sleep(10_000); // a server that keeps the connection open
          });

      long start = System.nanoTime();
      client.chat().stream(Requests.hello())
          .map(ChatChunk::text)
          .test()
          .awaitDone(5, TimeUnit.SECONDS)
          .assertValues("Hel", "")
          .assertComplete();

      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
    }
  }
}
