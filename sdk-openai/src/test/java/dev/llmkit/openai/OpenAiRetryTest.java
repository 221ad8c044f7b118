package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.ServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries and their waits, asserted through a recording sleeper instead of wall time. */
@WireMockTest
class OpenAiRetryTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final Requests.RecordingSleeper sleeper = new Requests.RecordingSleeper();
  private final List<OpenAiClient> clients = new ArrayList<>();
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
  }

  @AfterEach
  void tearDown() {
    clients.forEach(OpenAiClient::close);
  }

  private OpenAiClient client(int maxRetries, double random) {
    OpenAiClient c =
        Requests.client(baseUrl)
            .maxRetries(maxRetries)
            .sleeper(sleeper)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .random(() -> random)
            .build();
    clients.add(c);
    return c;
  }

  /** Answers the given failures in order, then a successful completion. */
  private static void stubSequence(ResponseDefinitionBuilder... failures) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures.length; i++) {
      String next = "attempt-" + (i + 2);
      stubFor(
          post("/v1/chat/completions")
              .inScenario("retries")
              .whenScenarioStateIs(state)
              .willReturn(failures[i])
              .willSetStateTo(next));
      state = next;
    }
    stubFor(
        post("/v1/chat/completions")
            .inScenario("retries")
            .whenScenarioStateIs(state)
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
  }

  private static ResponseDefinitionBuilder status(int code) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"try again\",\"type\":\"server_error\"}}");
  }

  @Test
  void retryAfterMsIsHonoured() {
    stubSequence(status(429).withHeader("retry-after-ms", "1500"));

    String text = client(2, 0).chat().chat(Requests.hello()).text();

    assertThat(text).isEqualTo("Hello! How can I help?");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(1500));
    verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    stubSequence(status(503).withHeader("retry-after", "3"));

    client(2, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterHttpDateIsMeasuredFromTheClock() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(5), ZoneOffset.UTC));
    stubSequence(status(429).withHeader("retry-after", date));

    client(2, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    stubSequence(status(429).withHeader("retry-after-ms", "250").withHeader("retry-after", "9"));

    client(2, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void unreasonableRetryAfterFallsBackToBackoff() {
    stubSequence(status(429).withHeader("retry-after", "3600"));

    client(2, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void backoffDoublesFromHalfASecondWithoutJitter() {
    stubSequence(status(500), status(502), status(503));

    client(3, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits)
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void jitterTakesAtMostAQuarterOff() {
    stubSequence(status(500), status(500), status(500));

    client(3, 1.0).chat().chat(Requests.hello());

    assertThat(sleeper.waits)
        .containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
  }

  @Test
  void backoffIsCappedAtEightSeconds() {
    ResponseDefinitionBuilder[] failures = new ResponseDefinitionBuilder[6];
    java.util.Arrays.fill(failures, status(503));
    stubSequence(failures);

    client(6, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
  }

  @Test
  void realJitterStaysWithinBounds() {
    stubSequence(status(500), status(500));
    OpenAiClient c = Requests.client(baseUrl).maxRetries(2).sleeper(sleeper).build();
    clients.add(c);

    c.chat().chat(Requests.hello());

    assertThat(sleeper.waits).hasSize(2);
    assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void retryableStatusesAreRetried(int code) {
    stubSequence(status(code));

    client(2, 0).chat().chat(Requests.hello());

    verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(sleeper.waits).hasSize(1);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsAreNotRetried(int code) {
    stubSequence(status(code));

    Throwable thrown = catchThrowable(() -> client(2, 0).chat().chat(Requests.hello()));

    assertThat(thrown).isNotNull();
    verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastError() {
    stubFor(post("/v1/chat/completions").willReturn(status(503)));

    Throwable thrown = catchThrowable(() -> client(2, 0).chat().chat(Requests.hello()));

    assertThat(thrown).isInstanceOf(ServerException.class);
    verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void zeroMaxRetriesSendsOnce() {
    stubFor(post("/v1/chat/completions").willReturn(status(503)));

    catchThrowable(() -> client(0, 0).chat().chat(Requests.hello()));

    verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void shouldRetryHeaderOverridesTheStatus() {
    stubSequence(status(400).withHeader("x-should-retry", "true"));

    client(2, 0).chat().chat(Requests.hello());

    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void shouldRetryFalseStopsRetries() {
    stubFor(
        post("/v1/chat/completions").willReturn(status(503).withHeader("x-should-retry", "false")));

    catchThrowable(() -> client(2, 0).chat().chat(Requests.hello()));

    verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void connectionFailuresAreRetried() {
    stubSequence(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withFault(Fault.EMPTY_RESPONSE));

    String text = client(2, 0).chat().chat(Requests.hello()).text();

    assertThat(text).isEqualTo("Hello! How can I help?");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void asyncCallsRetryToo() {
    stubSequence(status(429).withHeader("retry-after-ms", "10"));

    String text = client(2, 0).chat().chatAsync(Requests.hello()).blockingGet().text();

    assertThat(text).isEqualTo("Hello! How can I help?");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void rejectedRequestIsNotRetriedEvenWithRetriesLeft() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse().withStatus(400).withBody(Golden.read("openai/errors/400.json"))));

    Throwable thrown = catchThrowable(() -> client(5, 0).chat().chat(Requests.hello()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.param()).contains("temperature"));
    assertThat(sleeper.waits).isEmpty();
  }
}
