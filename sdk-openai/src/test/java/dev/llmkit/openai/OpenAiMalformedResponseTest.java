package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmException;
import dev.llmkit.LlmIoException;
import dev.llmkit.LlmStreamException;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.common.Usage;
import dev.llmkit.completion.CompletionChunks;
import dev.llmkit.completion.CompletionRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies that break the API's promises fail with a message saying what is wrong. */
@WireMockTest
class OpenAiMalformedResponseTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static void stubChat(String body) {
    stubFor(post("/v1/chat/completions").willReturn(okJson(body)));
  }

  private static void stubStream(byte[] body) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                   | has no 'choices' array",
        "{\"choices\": null}                  | has no 'choices' array",
        "{\"choices\": [{}]}                  | choices[0] of the chat completion has no 'message'",
        "{\"choices\": [{\"message\": null}]} | choices[0] of the chat completion has no 'message'",
        "{\"choices\": [null]}                | choices[0] is null",
        "{\"choices\": [{\"message\": {\"tool_calls\": [null]}}]} | tool_calls[0] is null",
        "[{}]                                 | malformed JSON in the response"
      })
  void bodyWithoutTheCompletionShapeIsMalformed(String body, String reason) {
    stubChat(body);

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown)
        .isExactlyInstanceOf(LlmException.class)
        .hasMessageContaining(reason)
        .hasMessageNotContaining("NullPointerException");
    assertThat(((LlmException) thrown).isRetryable()).isFalse();
  }

  @Test
  void emptyChoicesArrayIsAnEmptyResponse() {
    stubChat("{\"id\": \"c1\", \"choices\": []}");

    ChatResponse response = client.chat().chat(Requests.hello());

    assertThat(response.choices()).isEmpty();
  }

  @Test
  void usageCountAboveIntRangeIsKeptExactlyInExtra() {
    stubChat(
        "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
            + " \"content\": \"hi\"}}], \"usage\": {\"prompt_tokens\": 3000000000,"
            + " \"completion_tokens\": 2, \"total_tokens\": 3000000002,"
            + " \"prompt_tokens_details\": {\"cached_tokens\": 4294967296}}}");

    Usage usage = client.chat().chat(Requests.hello()).usage().orElseThrow();

    assertThat(usage.promptTokens()).isEqualTo(Integer.MAX_VALUE);
    assertThat(usage.completionTokens()).isEqualTo(2);
    assertThat(usage.extra())
        .containsEntry("prompt_tokens", 3_000_000_000L)
        .containsEntry("total_tokens", 3_000_000_002L);
    assertThat(usage.promptTokensDetails().orElseThrow().extra())
        .containsEntry("cached_tokens", 4_294_967_296L);
  }

  @Test
  void connectionResetInTheBodyOfA200IsARetryableIoException() throws Exception {
    try (RawServer raw = new RawServer();
        OpenAiClient c = Requests.client(raw.baseUrl()).build()) {
      raw.serve(
          (socket, in, out) -> {
            RawServer.write(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{\"id\": \"c1\", \"choices\": [{\"index\": 0, "
                    + "\"message\": {\"role\": \"assistant\", \"content\": \""
                    + "x".repeat(500));
            Thread.sleep(100); // let the client read the partial body
            socket.setSoLinger(true, 0); // close with a TCP reset
          });

      Throwable thrown = catchThrowable(() -> c.chat().chat(Requests.hello()));

      assertThat(thrown)
          .isInstanceOf(LlmIoException.class)
          .hasMessageNotContaining("malformed JSON");
      assertThat(((LlmIoException) thrown).isRetryable()).isTrue();
    }
  }

  @Test
  void streamOfOnlyDoneIsAStreamErrorSoAggregateDoesNotThrowIllegalState() {
    stubStream("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

    Throwable thrown =
        catchThrowable(
            () -> ChatChunks.aggregate(client.chat().stream(Requests.hello())).blockingGet());

    assertThat(thrown)
        .isInstanceOf(LlmStreamException.class)
        .hasMessageContaining("[DONE] before any chunk");
  }

  @Test
  void completionStreamOfOnlyDoneIsTheSameStreamError() {
    stubFor(
        post("/v1/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: [DONE]\n\n")));

    Throwable thrown =
        catchThrowable(
            () ->
                CompletionChunks.aggregate(
                        client.completions().stream(
                            CompletionRequest.builder().model("m").prompt("p").build()))
                    .blockingGet());

    assertThat(thrown)
        .isInstanceOf(LlmStreamException.class)
        .hasMessageContaining("[DONE] before any chunk");
    assertThat(((LlmException) thrown).provider()).isEqualTo("openai");
  }

  @Test
  void nullChoiceInAStreamIsAMalformedChunk() {
    stubStream("data: {\"choices\": [null]}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

    client.chat().stream(Requests.hello())
        .test()
        .awaitDone(5, TimeUnit.SECONDS)
        .assertError(
            e -> e instanceof LlmStreamException && e.getMessage().contains("choices[0] is null"));
  }

  private static byte[] withInvalidUtf8(String before, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.write(0xC3); // a lead byte followed by ASCII: not UTF-8
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void invalidUtf8IsRejectedByBlockingCalls() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        withInvalidUtf8(
                            "{\"choices\": [{\"index\": 0, \"message\": {\"role\":"
                                + " \"assistant\", \"content\": \"a",
                            "b\"}}]}"))));

    Throwable thrown = catchThrowable(() -> client.chat().chat(Requests.hello()));

    assertThat(thrown).isInstanceOf(LlmException.class).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void invalidUtf8IsRejectedByStreamsToo() {
    stubStream(
        withInvalidUtf8(
            "data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\":" + " \"a",
            "b\"}}]}\n\ndata: [DONE]\n\n"));

    client.chat().stream(Requests.hello())
        .test()
        .awaitDone(5, TimeUnit.SECONDS)
        .assertNoValues()
        .assertError(
            e -> e instanceof LlmStreamException && e.getMessage().contains("not valid UTF-8"));
  }
}
