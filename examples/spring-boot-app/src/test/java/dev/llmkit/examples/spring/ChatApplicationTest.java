package dev.llmkit.examples.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Runs the app on a random port with the OpenAI provider pointed at WireMock. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.main.banner-mode=off", "logging.level.root=warn"})
class ChatApplicationTest {
  @RegisterExtension
  static WireMockExtension openAi =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @DynamicPropertySource
  static void openAiOnWireMock(DynamicPropertyRegistry registry) {
    registry.add("llmkit.provider", () -> "openai");
    registry.add("llmkit.openai.api-key", () -> "test-key");
    registry.add("llmkit.openai.base-url", () -> openAi.baseUrl() + "/v1");
    registry.add("llmkit.openai.max-retries", () -> "0");
  }

  @LocalServerPort int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void postChatReturnsTheReplyAsJson() throws Exception {
    openAi.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(resource("chat-paris.json"))));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"Capital of France?\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"reply\":\"The capital of France is Paris.\"}");
    openAi.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                matchingJsonPath("$.messages[0].content", equalTo("Capital of France?"))));
  }

  @Test
  void streamSendsEachTokenAsAnSseEventThenDone() throws Exception {
    openAi.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(resource("chat-stream.sse"))));
    String query = URLEncoder.encode("Write a haiku", StandardCharsets.UTF_8);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/chat/stream?message=" + query))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(response.body().replace("\r", ""))
        .isEqualTo(
            "event:token\ndata:{\"text\":\"Waves fold\"}\n\n"
                + "event:token\ndata:{\"text\":\" into foam\"}\n\n"
                + "event:done\ndata:{}\n\n");
  }

  @Test
  void streamReportsAProviderErrorAsAnErrorEvent() throws Exception {
    openAi.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"Slow down\", \"code\": \"rate_limit_exceeded\"}}")));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/chat/stream?message=hi"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body().replace("\r", ""))
        .startsWith("event:error\ndata:{\"message\":")
        .contains("429", "rate_limit_exceeded")
        .doesNotContain("event:token");
  }

  @Test
  void chatPageUsesTheStreamEndpoint() throws Exception {
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("new EventSource('/chat/stream?message='");
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ChatApplicationTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
