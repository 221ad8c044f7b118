package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmStreamException;
import dev.llmkit.RateLimitException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.ToolCall;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WireMockTest
class OpenAiChatStreamingTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static void stubStream(String body) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withHeader("x-request-id", "req_stream")
                    .withBody(body)));
  }

  private List<ChatChunk> streamAll() {
    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();
    ts.awaitDone(10, TimeUnit.SECONDS).assertNoErrors().assertComplete();
    return ts.values();
  }

  private static String text(List<ChatChunk> chunks) {
    return chunks.stream().map(ChatChunk::text).collect(Collectors.joining());
  }

  @ParameterizedTest(name = "line ending {index}")
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void streamEmitsChunksInOrderForEveryLineEnding(String lineEnding) {
    stubStream(Golden.read("openai/stream/stream-basic.sse").replace("\n", lineEnding));

    List<ChatChunk> chunks = streamAll();

    assertThat(chunks).hasSize(5);
    assertThat(text(chunks)).isEqualTo("Hello!");
    assertThat(chunks.get(4).choices().get(0).finishReason()).contains(FinishReason.STOP);
  }

  @Test
  void streamRequestSetsStreamFlagAndAcceptHeader() {
    stubStream(Golden.read("openai/stream/stream-usage.sse"));

    streamAll();

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Accept", equalTo("text/event-stream"))
            .withRequestBody(equalToJson("{\"stream\": true}", true, true)));
  }

  @ParameterizedTest(name = "line ending {index}")
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void commentsEventAndIdLinesAreIgnored(String lineEnding) {
    stubStream(Golden.read("openai/stream/stream-comments-events.sse").replace("\n", lineEnding));

    List<ChatChunk> chunks = streamAll();

    assertThat(text(chunks)).isEqualTo("Hello");
    assertThat(chunks).hasSize(3);
  }

  @ParameterizedTest(name = "line ending {index}")
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void multiLineDataIsJoinedIntoOneChunk(String lineEnding) {
    stubStream(Golden.read("openai/stream/stream-multiline-data.sse").replace("\n", lineEnding));

    List<ChatChunk> chunks = streamAll();

    assertThat(chunks).extracting(ChatChunk::text).containsExactly("multi", "-line", "");
  }

  @Test
  void errorObjectInsideTheStreamFailsWithTypedExceptionAfterEarlierChunks() {
    stubStream(Golden.read("openai/stream/stream-error-midway.sse"));

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertValueCount(1);
    assertThat(ts.values().get(0).text()).isEqualTo("Hel");
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("internal_error")
                && e.getMessage().contains("The server had an error")
                && e.getMessage().endsWith("(request req_stream)"));
  }

  @Test
  void errorEventWithHttpStatusCodeBecomesTheMatchingApiException() {
    stubStream(Golden.read("openai/stream/stream-error-event.sse"));

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertValueCount(1);
    ts.assertError(
        e ->
            e instanceof RateLimitException r
                && r.statusCode() == 429
                && r.serverMessage().contains("Rate limit reached")
                && r.requestId().orElseThrow().equals("req_stream"));
  }

  @Test
  void streamWithoutDoneCompletesWhenEveryChoiceFinished() {
    stubStream(Golden.read("openai/stream/stream-no-done-finished.sse"));

    List<ChatChunk> chunks = streamAll();

    assertThat(chunks).hasSize(3);
  }

  @Test
  void streamCutBeforeEveryChoiceFinishedIsAnErrorNotATruncation() {
    stubStream(Golden.read("openai/stream/stream-no-done-cut.sse"));

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertValueCount(3);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("without [DONE]")
                && e.getMessage().contains("(request req_stream)"));
  }

  @Test
  void emptyStreamIsAnError() {
    stubStream(": nothing here\n\n");

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertNoValues();
    ts.assertError(LlmStreamException.class);
  }

  @Test
  void usageChunkWithEmptyChoicesIsDelivered() {
    stubStream(Golden.read("openai/stream/stream-usage.sse"));

    List<ChatChunk> chunks =
        client.chat().stream(Requests.hello().toBuilder().streamIncludeUsage(true).build())
            .toList()
            .blockingGet();

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(equalToJson(Golden.read("openai/chat/request-stream-usage.json"))));
    assertThat(chunks).hasSize(3);
    ChatChunk last = chunks.get(2);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage())
        .hasValueSatisfying(
            u -> {
              assertThat(u.promptTokens()).isEqualTo(9);
              assertThat(u.totalTokens()).isEqualTo(11);
            });
    assertThat(chunks.get(0).usage()).isEmpty();
  }

  @Test
  void utf8CharactersSplitAcrossNetworkReadsAreDecoded() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.bytes("openai/stream/stream-utf8.sse"))
                    .withChunkedDribbleDelay(97, 400)));

    List<ChatChunk> chunks = streamAll();

    assertThat(text(chunks)).isEqualTo("héllo wörld 日本語 🎉✓ Ωmega");
  }

  @Test
  void toolCallDeltasAggregateIntoToolCalls() {
    stubStream(Golden.read("openai/stream/stream-tool-calls.sse"));

    ChatResponse response =
        ChatChunks.aggregate(client.chat().stream(Requests.hello()))
            .timeout(10, TimeUnit.SECONDS)
            .blockingGet();

    assertThat(response.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(response.choices().get(0).message().toolCalls())
        .containsExactly(
            ToolCall.function("call_abc", "get_weather", "{\"city\":\"Paris\"}"),
            ToolCall.function("call_def", "get_time", "{}"));
  }

  @Test
  void unknownChunkFieldsAndFinishReasonsAreKept() {
    stubStream(Golden.read("openai/stream/stream-unknown-fields.sse"));

    List<ChatChunk> chunks = streamAll();

    assertThat(chunks.get(0).extra()).containsEntry("future_field", 1);
    assertThat(chunks.get(0).choices().get(0).extra()).containsEntry("future_choice_field", 7);
    FinishReason reason = chunks.get(1).choices().get(0).finishReason().orElseThrow();
    assertThat(reason.value()).isEqualTo("quantum_collapse");
    assertThat(reason.isKnown()).isFalse();
  }

  @Test
  void malformedChunkFailsWithAClearStreamError() {
    stubStream(Golden.read("openai/stream/stream-malformed.sse"));

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertValueCount(1);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().startsWith("malformed chunk in stream (event 2)"));
  }

  @Test
  void jsonInsteadOfEventStreamIsAStreamError() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/chat/completion-basic.json"))));

    TestSubscriber<ChatChunk> ts = client.chat().stream(Requests.hello()).test();

    ts.awaitDone(10, TimeUnit.SECONDS);
    ts.assertError(
        e ->
            e instanceof LlmStreamException
                && e.getMessage().contains("expected a text/event-stream response"));
  }

  @Test
  void streamIsColdAndEachSubscriptionSendsARequest() {
    stubStream(Golden.read("openai/stream/stream-basic.sse"));
    var stream = client.chat().stream(Requests.hello());

    String first = text(stream.toList().blockingGet());
    String second = text(stream.toList().blockingGet());

    assertThat(first).isEqualTo("Hello!").isEqualTo(second);
    verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }
}
