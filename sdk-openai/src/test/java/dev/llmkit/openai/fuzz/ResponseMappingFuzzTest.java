package dev.llmkit.openai.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import dev.llmkit.LlmException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.moderation.ModerationRequest;
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
 * Coverage-guided fuzzing of the OpenAI response mapping for blocking calls: a local server answers
 * with the fuzzer's bytes as the body and a status the fuzzer picks (200, 400, 401, 404, 429 or
 * 500), on the chat, completions, embeddings, moderation or models endpoint. Every call gives a
 * response or fails with an {@link LlmException} (a malformed body, an API error) within the call
 * timeout; anything else (a NullPointerException, a Jackson or Retrofit exception, a hang) is a
 * finding. The last byte of an input picks the endpoint, the one before it the status.
 */
class ResponseMappingFuzzTest {
  private static final int[] STATUSES = {200, 400, 401, 404, 429, 500};
  private static volatile byte[] body = new byte[0];
  private static volatile int status = 200;
  private static final HttpServer SERVER = start();
  private static final OpenAiClient CLIENT =
      OpenAiClient.builder()
          .baseUrl("http://127.0.0.1:" + SERVER.getAddress().getPort() + "/v1")
          .apiKey("sk-fuzz")
          .maxRetries(0)
          .timeout(Duration.ofSeconds(10))
          .build();

  private static HttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/v1/",
          exchange -> {
            byte[] bytes = body;
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
  void anyBodyGivesAResponseOrATypedError(FuzzedDataProvider data) {
    int endpoint = data.consumeInt(0, 4);
    status = STATUSES[data.consumeInt(0, STATUSES.length - 1)];
    body = data.consumeRemainingAsBytes();
    int port = SERVER.getAddress().getPort();
    // the connection to the test's own server is no server-side request forgery
    try (SilentCloseable local =
        BugDetectors.allowNetworkConnections(
            (host, p) -> p == port && (host.equals("127.0.0.1") || host.equals("localhost")))) {
      call(endpoint);
    } catch (LlmException expected) {
      // malformed body or an error status: the documented failures
    }
  }

  private static void call(int endpoint) {
    switch (endpoint) {
      case 0 ->
          CLIENT
              .chat()
              .chat(ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hi").build())
              .toString();
      case 1 ->
          CLIENT
              .completions()
              .complete(CompletionRequest.builder().model("m").prompt("p").build())
              .toString();
      case 2 ->
          CLIENT
              .embeddings()
              .embed(EmbeddingRequest.builder().model("e").input("x").build())
              .toString();
      case 3 ->
          CLIENT.moderation().moderate(ModerationRequest.builder().input("x").build()).toString();
      default -> CLIENT.models().list().toString();
    }
  }
}
