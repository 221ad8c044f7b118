package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.AuthenticationException;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.RateLimitException;
import dev.llmkit.ServerException;
import dev.llmkit.chat.ChatChunk;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@WireMockTest
class OpenAiErrorsTest {
  private static final String KEY = "test-key-SECRET-1234";
  private OpenAiClient client;
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl();
    client = Requests.client(baseUrl).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static void stubError(int status, String golden) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-request-id", "req_" + status)
                    .withBody(Golden.read("openai/errors/" + golden))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "400, InvalidRequestException, 400.json, invalid_request_error, invalid_value, temperature, false",
    "401, AuthenticationException, 401.json, invalid_request_error, invalid_api_key, , false",
    "403, AuthenticationException, 403.json, request_forbidden, unsupported_country_region_territory, , false",
    "404, InvalidRequestException, 404.json, invalid_request_error, model_not_found, model, false",
    "409, InvalidRequestException, 409.json, invalid_request_error, conflict, , true",
    "422, InvalidRequestException, 422.json, invalid_request_error, unprocessable_entity, messages, false",
    "429, RateLimitException, 429.json, requests, rate_limit_exceeded, , true",
    "500, ServerException, 500.json, server_error, , , true",
    "503, ServerException, 503.json, server_error, engine_overloaded, , true"
  })
  void errorStatusMapsToTypedException(
      int status,
      String type,
      String golden,
      String errorType,
      String code,
      String param,
      boolean retryable) {
    stubError(status, golden);

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown.getClass().getSimpleName()).isEqualTo(type);
    LlmApiException e = (LlmApiException) thrown;
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorType()).contains(errorType);
    assertThat(e.errorCode().orElse(null)).isEqualTo(code);
    assertThat(e.param().orElse(null)).isEqualTo(param);
    assertThat(e.requestId()).contains("req_" + status);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.getMessage())
        .startsWith("openai: " + status)
        .contains("(request req_" + status + ")");
  }

  @Test
  void sameErrorTypeArrivesThroughAsyncAndStream() {
    stubError(404, "404.json");

    Throwable async = catchThrowable(() -> client.chat().chatAsync(Requests.hello()).blockingGet());
    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    assertThat(async).isInstanceOf(InvalidRequestException.class);
    ts.awaitDone(5, TimeUnit.SECONDS)
        .assertError(
            e ->
                e instanceof InvalidRequestException i
                    && i.statusCode() == 404
                    && i.errorCode().orElseThrow().equals("model_not_found")
                    && i.requestId().orElseThrow().equals("req_404"));
  }

  @Test
  void rateLimitCarriesRetryAfter() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("retry-after", "7")
                    .withBody(Golden.read("openai/errors/429.json"))));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void htmlBadGatewayBecomesServerExceptionWithShortExcerpt() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody(Golden.read("openai/errors/502-html.txt"))));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.getMessage())
                  .contains("non-JSON body (text/html)")
                  .contains("502 Bad Gateway")
                  .doesNotContain("<html>")
                  .hasSizeLessThan(400);
              assertThat(e.rawBody()).contains("<center>cloudflare</center>");
              assertThat(e.getCause()).isNull();
            });
  }

  @Test
  void emptyErrorBodyIsDescribed() {
    stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown).isInstanceOf(ServerException.class).hasMessageContaining("empty body");
  }

  @Test
  void malformedJsonInSuccessfulResponseIsAClearError() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\": \"chatcmpl-1\", \"choices\": [ {")));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown)
        .isExactlyInstanceOf(LlmException.class)
        .hasMessageStartingWith("malformed JSON in the response");
  }

  @Test
  void apiKeyNeverAppearsInMessages() {
    stubError(401, "401.json");

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    assertThat(thrown.getMessage()).doesNotContain(KEY).contains("***");
    assertThat(((LlmApiException) thrown).rawBody()).doesNotContain(KEY);
    assertThat(((LlmApiException) thrown).serverMessage()).doesNotContain(KEY);
    assertThat(client.toString()).doesNotContain(KEY);
  }

  @Test
  void readTimeoutIsATimeoutIoException() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withFixedDelay(2_000)
                    .withBody(Golden.read("openai/chat/completion-basic.json"))));
    OpenAiClient slow = Requests.client(baseUrl).readTimeout(Duration.ofMillis(200)).build();

    Throwable thrown = catchThrowable(() -> slow.chat().chat(Requests.hello()));
    slow.close();

    assertThat(thrown)
        .isInstanceOfSatisfying(
            LlmIoException.class,
            e -> {
              assertThat(e.isTimeout()).isTrue();
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.getMessage()).contains("timed out");
            });
  }

  @Test
  void callTimeoutIsATimeoutIoException() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withFixedDelay(2_000)
                    .withBody(Golden.read("openai/chat/completion-basic.json"))));
    OpenAiClient slow = Requests.client(baseUrl).callTimeout(Duration.ofMillis(300)).build();

    Throwable thrown = catchThrowable(() -> slow.chat().chatAsync(Requests.hello()).blockingGet());
    slow.close();

    assertThat(thrown)
        .isInstanceOfSatisfying(LlmIoException.class, e -> assertThat(e.isTimeout()).isTrue());
  }

  @Test
  void connectionResetIsAnIoException() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            LlmIoException.class,
            e -> {
              assertThat(e.isTimeout()).isFalse();
              assertThat(e.getMessage()).startsWith("openai could not be reached");
            });
  }

  @Test
  void unreachableServerIsAnIoException() {
    OpenAiClient nowhere = Requests.client("http://127.0.0.1:1").build();

    Throwable thrown = catchThrowable(() -> nowhere.models().list());
    nowhere.close();

    assertThat(thrown).isInstanceOf(LlmIoException.class);
  }

  @Test
  void flatErrorBodyFromCompatibleServerIsUnderstood() {
    stubFor(
        get("/v1/models")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"message\": \"bad model\", \"type\": \"BadRequestError\", \"code\": 400}")));

    Throwable thrown = catchThrowable(() -> client.models().list());

    assertThat(thrown)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.serverMessage()).isEqualTo("bad model");
              assertThat(e.errorType()).contains("BadRequestError");
            });
  }

  @Test
  void usingAClosedClientIsAnIllegalState() {
    client.close();

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
