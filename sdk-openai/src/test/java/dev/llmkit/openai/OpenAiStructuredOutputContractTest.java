package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.contract.StructuredOutputContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The structured-output and tool contract against the OpenAI provider on WireMock goldens. */
@WireMockTest
class OpenAiStructuredOutputContractTest extends StructuredOutputContract {
  private static final String PATH = "/v1/chat/completions";
  private OpenAiClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    stubFor(
        post(PATH)
            .atPriority(5)
            .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema"))
            .willReturn(okJson(Golden.read("openai/contract/chat-json-schema.json"))));
    stubFor(
        post(PATH)
            .atPriority(4)
            .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
            .willReturn(okJson(Golden.read("openai/contract/chat-tool-call.json"))));
    stubFor(
        post(PATH)
            .atPriority(3)
            .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/contract/chat-tool-call-stream.sse"))));
    stubFor(
        post(PATH)
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.tool_choice.function.name", equalTo("nope")))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Golden.read("openai/errors/400-tool-choice.json"))));
    client = Requests.client(wm.getHttpBaseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Override
  protected ChatService chatService() {
    return client.chat();
  }

  @Override
  protected ChatRequest.Builder baseRequest() {
    return Requests.hello().toBuilder();
  }
}
