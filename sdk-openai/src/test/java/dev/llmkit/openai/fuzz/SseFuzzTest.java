package dev.llmkit.openai.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import dev.llmkit.LlmException;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.openai.OpenAiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of SSE parsing and the OpenAI chunk mapping, end to end: a local server
 * answers a streaming chat request with the fuzzer's bytes as a {@code text/event-stream} body, and
 * the stream, aggregated, either gives a response or fails with an {@link LlmException} (a
 * malformed chunk, a cut stream, a limit) within the stream timeout. Anything else, or a hang, is a
 * finding. The normal build runs the seeds in {@code SseFuzzTestInputs/}.
 */
class SseFuzzTest {
  private static volatile byte[] body = new byte[0];
  private static final HttpServer SERVER = start();
  private static final OpenAiClient CLIENT =
      OpenAiClient.builder()
          .baseUrl("http://127.0.0.1:" + SERVER.getAddress().getPort() + "/v1")
          .apiKey("sk-fuzz")
          .maxRetries(0)
          .maxStreamEventSize(64 * 1024)
          .streamTimeout(Duration.ofSeconds(10))
          .build();
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build();

  private static HttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/v1/chat/completions",
          exchange -> {
            byte[] bytes = body;
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    CLIENT.close();
    SERVER.stop(0);
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void anySseBodyGivesAResponseOrATypedError(byte[] data) {
    body = data;
    int port = SERVER.getAddress().getPort();
    // the connection to the test's own server is no server-side request forgery
    try (SilentCloseable local =
        BugDetectors.allowNetworkConnections(
            (host, p) -> p == port && (host.equals("127.0.0.1") || host.equals("localhost")))) {
      ChatChunks.aggregate(CLIENT.chat().stream(REQUEST))
          .timeout(30, TimeUnit.SECONDS)
          .blockingGet();
    } catch (LlmException expected) {
      // malformed, cut or over-long stream: the documented failures
    }
  }
}
