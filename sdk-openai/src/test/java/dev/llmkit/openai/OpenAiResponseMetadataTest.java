package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.RateLimitException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.embedding.EmbeddingRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request id, rate limits, processing time and headers of every kind of response. */
@WireMockTest
class OpenAiResponseMetadataTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static ResponseDefinitionBuilder withOpenAiHeaders(ResponseDefinitionBuilder r) {
    return r.withHeader("x-request-id", "req_meta_1")
        .withHeader("openai-processing-ms", "123")
        .withHeader("x-ratelimit-limit-requests", "10000")
        .withHeader("x-ratelimit-remaining-requests", "9999")
        .withHeader("x-ratelimit-reset-requests", "6ms")
        .withHeader("x-ratelimit-limit-tokens", "200000")
        .withHeader("x-ratelimit-remaining-tokens", "199000")
        .withHeader("x-ratelimit-reset-tokens", "1m0.5s");
  }

  private static void assertOpenAiHeaders(ResponseMetadata m) {
    assertThat(m.requestId()).contains("req_meta_1");
    assertThat(m.processingTime()).contains(Duration.ofMillis(123));
    assertThat(m.rateLimits().limitRequests()).hasValue(10_000);
    assertThat(m.rateLimits().remainingRequests()).hasValue(9_999);
    assertThat(m.rateLimits().resetRequests()).contains(Duration.ofMillis(6));
    assertThat(m.rateLimits().limitTokens()).hasValue(200_000);
    assertThat(m.rateLimits().remainingTokens()).hasValue(199_000);
    assertThat(m.rateLimits().resetTokens()).contains(Duration.ofMillis(60_500));
    assertThat(m.headers()).containsEntry("x-request-id", List.of("req_meta_1"));
  }

  private static void stubChat() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Golden.read("openai/chat/completion-basic.json")))));
  }

  @Test
  void blockingChatReturnsTheResponseAndItsMetadata() {
    stubChat();

    WithMetadata<ChatResponse> r = client.withResponseMetadata().chat(Requests.hello());

    assertThat(r.value().text()).isEqualTo(client.chat().chat(Requests.hello()).text());
    assertThat(r.metadata().statusCode()).isEqualTo(200);
    assertOpenAiHeaders(r.metadata());
  }

  @Test
  void asyncChatReturnsTheMetadataToo() {
    stubChat();

    WithMetadata<ChatResponse> r =
        client.withResponseMetadata().chatAsync(Requests.hello()).blockingGet();

    assertOpenAiHeaders(r.metadata());
  }

  @Test
  void everyStreamedChunkCarriesTheStreamsMetadata() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(Golden.read("openai/stream/stream-basic.sse")))));

    List<WithMetadata<ChatChunk>> chunks =
        client.withResponseMetadata().stream(Requests.hello()).toList().blockingGet();

    assertThat(chunks).isNotEmpty();
    chunks.forEach(c -> assertOpenAiHeaders(c.metadata()));
    assertThat(chunks.stream().map(c -> c.value().text()).reduce("", String::concat))
        .isEqualTo(
            client.chat().stream(Requests.hello())
                .map(ChatChunk::text)
                .reduce("", String::concat)
                .blockingGet());
  }

  @Test
  void completionsAndEmbeddingsReturnMetadata() {
    stubFor(
        post("/v1/completions")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Golden.read("openai/completions/completion-basic.json")))));
    stubFor(
        post("/v1/embeddings")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Golden.read("openai/embeddings/response-float.json")))));
    OpenAiResponses raw = client.withResponseMetadata();

    assertOpenAiHeaders(
        raw.complete(CompletionRequest.builder().model("m").prompt("p").build()).metadata());
    assertOpenAiHeaders(
        raw.embed(EmbeddingRequest.builder().model("m").input("x").build()).metadata());
  }

  @Test
  void rateLimitExceptionCarriesItsHeaders() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Golden.read("openai/errors/429.json")))));

    RateLimitException e =
        catchThrowableOfType(RateLimitException.class, () -> client.chat().chat(Requests.hello()));

    ResponseMetadata m = ResponseMetadata.of(e);
    assertThat(m.statusCode()).isEqualTo(429);
    assertOpenAiHeaders(m);
    assertThat(e.responseHeaders()).containsKey("x-ratelimit-reset-tokens");
  }

  @Test
  void streamErrorStatusCarriesItsHeadersToo() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                withOpenAiHeaders(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Golden.read("openai/errors/429.json")))));

    client.chat().stream(Requests.hello())
        .test()
        .awaitDone(5, TimeUnit.SECONDS)
        .assertError(
            e ->
                e instanceof RateLimitException r
                    && ResponseMetadata.of(r).rateLimits().remainingTokens().getAsLong()
                        == 199_000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "6.5s, 6500",
    "1m0s, 60000",
    "120ms, 120",
    "1h2m3s, 3723000",
    "0s, 0",
    "20ms, 20",
    "1.5m, 90000"
  })
  void resetDurationsInOpenAisFormatAreParsed(String text, long millis) {
    assertThat(RateLimits.parseDuration(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"soon", "6.5", "s", "1m x", "''"})
  void otherDurationsAreAbsentNotErrors(String text) {
    assertThat(RateLimits.parseDuration(text)).isEmpty();
  }
}
