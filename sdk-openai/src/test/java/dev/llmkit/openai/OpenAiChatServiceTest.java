package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ImageDetail;
import dev.llmkit.chat.ReasoningEffort;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class OpenAiChatServiceTest {
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void basicRequestMatchesGoldenBodyAndHeaders() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));

    client.chat().chat(Requests.hello());

    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer test-key-SECRET-1234"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson(Golden.read("openai/chat/request-basic.json"))));
  }

  @Test
  void everyChatOptionIsMappedToTheWire() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    Map<String, Object> params =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("city", Map.of("type", "string")),
            "required",
            List.of("city"),
            "additionalProperties",
            false);
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("temp", Map.of("type", "number")),
            "required",
            List.of("temp"),
            "additionalProperties",
            false);
    ChatRequest request =
        ChatRequest.builder()
            .model("gpt-4o-mini")
            .addDeveloperMessage("Answer in JSON.")
            .addMessage(
                ChatMessage.user(
                        List.of(
                            ContentPart.text("What is in this image?"),
                            ContentPart.imageUrl("https://example.com/cat.png", ImageDetail.LOW)))
                    .toBuilder()
                    .name("alice")
                    .build())
            .addMessage(
                ChatMessage.assistant(
                    List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
            .addMessage(ChatMessage.tool("call_1", "{\"temp\":21}"))
            .temperature(0.5)
            .topP(0.9)
            .n(2)
            .stop(List.of("END", "STOP"))
            .maxCompletionTokens(256)
            .presencePenalty(0.1)
            .frequencyPenalty(0.2)
            .logitBias(Map.of("50256", -100))
            .logprobs(true)
            .topLogprobs(3)
            .user("user-1234")
            .seed(42L)
            .reasoningEffort(ReasoningEffort.LOW)
            .tools(
                List.of(
                    ToolDefinition.function(
                        FunctionDefinition.builder()
                            .name("get_weather")
                            .description("Current weather for a city")
                            .parameters(params)
                            .strict(true)
                            .build())))
            .toolChoice(ToolChoice.function("get_weather"))
            .parallelToolCalls(false)
            .responseFormat(ResponseFormat.jsonSchema("weather", schema, true, "A weather report"))
            .extraBody(Map.of("service_tier", "flex", "metadata", Map.of("purpose", "test")))
            .build();

    client.chat().chat(request);

    String sent = getAllServeEvents().get(0).getRequest().getBodyAsString();
    Golden.update("openai/chat/request-all-options.json", sent);
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(equalToJson(Golden.read("openai/chat/request-all-options.json"))));
  }

  @Test
  void responseIsMappedWithUsageDetails() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));

    ChatResponse response = client.chat().chat(Requests.hello());

    assertThat(response.id()).isEqualTo("chatcmpl-test-1");
    assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.created()).isEqualTo(1741569952L);
    assertThat(response.text()).isEqualTo("Hello! How can I help?");
    assertThat(response.systemFingerprint()).contains("fp_test");
    assertThat(response.serviceTier()).contains("default");
    ChatChoice choice = response.choices().get(0);
    assertThat(choice.message().role()).isEqualTo(Role.ASSISTANT);
    assertThat(choice.finishReason()).contains(FinishReason.STOP);
    assertThat(response.usage())
        .hasValueSatisfying(
            u -> {
              assertThat(u.promptTokens()).isEqualTo(9);
              assertThat(u.completionTokens()).isEqualTo(7);
              assertThat(u.totalTokens()).isEqualTo(16);
              assertThat(u.promptTokensDetails().orElseThrow().cachedTokens()).isEqualTo(2);
              assertThat(u.completionTokensDetails().orElseThrow().reasoningTokens()).isEqualTo(3);
            });
  }

  @Test
  void unknownFieldsLandInExtraAndUnknownFinishReasonIsKept() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-unknown-fields.json"))));

    ChatResponse response = client.chat().chat(Requests.hello());

    assertThat(response.extra()).containsEntry("future_field", 1);
    ChatChoice choice = response.choices().get(0);
    assertThat(choice.extra()).containsEntry("future_choice_field", "x");
    assertThat(choice.message().extra()).containsEntry("future_message_field", Map.of("a", true));
    assertThat(choice.finishReason())
        .hasValueSatisfying(
            r -> {
              assertThat(r.value()).isEqualTo("quantum_collapse");
              assertThat(r.isKnown()).isFalse();
            });
    assertThat(response.usage().orElseThrow().extra()).containsEntry("future_usage_field", 5);
  }

  @Test
  void toolCallsAndLogprobsAreMapped() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-tool-calls.json"))));

    ChatResponse response = client.chat().chat(Requests.hello());

    ChatChoice choice = response.choices().get(0);
    assertThat(choice.finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(choice.message().content()).isEmpty();
    assertThat(choice.message().toolCalls())
        .containsExactly(ToolCall.function("call_abc", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(choice.logprobs().orElseThrow().content().get(0).token()).isEqualTo("Hi");
    assertThat(choice.logprobs().orElseThrow().content().get(0).logprob()).isEqualTo(-0.25);
    assertThat(choice.logprobs().orElseThrow().content().get(0).bytes()).containsExactly(72, 105);
  }

  @Test
  void chatAsyncDeliversTheSameResponse() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));

    ChatResponse blocking = client.chat().chat(Requests.hello());
    ChatResponse async =
        client.chat().chatAsync(Requests.hello()).timeout(5, TimeUnit.SECONDS).blockingGet();

    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void chatAsyncRunsOnOkHttpThreadNotTheCaller() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    String caller = Thread.currentThread().getName();

    String thread =
        client
            .chat()
            .chatAsync(Requests.hello())
            .map(r -> Thread.currentThread().getName())
            .blockingGet();

    assertThat(thread).isNotEqualTo(caller).contains("OkHttp");
  }

  @Test
  void nullRequestIsRejectedBeforeAnyIo() {
    assertThatThrownBy(() -> client.chat().chat(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("request");
    assertThatThrownBy(() -> client.chat().stream(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> client.chat().chatAsync(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void compatibleServerWithoutIdsIsTolerated() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));

    ChatResponse response = client.chat().chat(Requests.hello());

    assertThat(response.text()).isEqualTo("ok");
    assertThat(response.id()).isEmpty();
    assertThat(response.usage()).isEmpty();
  }
}
