package dev.llmkit.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.LlmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class ToolAndStructuredExamplesTest {
  private static final String CHAT = "/v1/chat/completions";
  private LlmClient llm;
  private final Golden.Capture out = new Golden.Capture();

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    llm = Golden.openAi(wm);
  }

  @AfterEach
  void tearDown() {
    llm.close();
  }

  @Test
  void toolLoopRunsTheToolAndSendsItsResultBack() throws Exception {
    stubFor(
        post(CHAT)
            .inScenario("tools")
            .whenScenarioStateIs(STARTED)
            .willReturn(Golden.json("chat-tool-call.json"))
            .willSetStateTo("tool answered"));
    stubFor(
        post(CHAT)
            .inScenario("tools")
            .whenScenarioStateIs("tool answered")
            .willReturn(Golden.json("chat-tool-final.json")));

    String answer = ToolCalling.run(llm, out, "Should I take an umbrella in Paris today?");

    assertThat(answer).isEqualTo("Yes, take an umbrella: rain is expected in Paris (14 °C).");
    assertThat(out.toString())
        .startsWith("[tool] get_weather{\"city\":\"Paris\"} -> ")
        .contains("\"forecast\":\"rain\"")
        .endsWith(answer + "\n");
    verify(2, postRequestedFor(urlEqualTo(CHAT)));
    verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
            .withRequestBody(
                matchingJsonPath("$.messages[1].tool_calls[0].id", equalTo("call_abc")))
            .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("tool")))
            .withRequestBody(matchingJsonPath("$.messages[2].tool_call_id", equalTo("call_abc")))
            .withRequestBody(
                matchingJsonPath(
                    "$.messages[2].content",
                    equalToJson("{\"city\":\"Paris\",\"forecast\":\"rain\",\"celsius\":14}"))));
  }

  @Test
  void structuredOutputSendsTheSchemaAndParsesTheAnswer() throws Exception {
    stubFor(post(CHAT).willReturn(Golden.json("chat-structured.json")));

    JsonNode city = StructuredOutput.run(llm, out, "Tell me about the largest city of Japan.");

    assertThat(city.path("name").asText()).isEqualTo("Tokyo");
    assertThat(out.toString()).isEqualTo("Tokyo, Japan: population 37400068\n");
    verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(
                matchingJsonPath("$.response_format.json_schema.name", equalTo("city")))
            .withRequestBody(
                matchingJsonPath(
                    "$.response_format.json_schema.schema.properties.population.type",
                    equalTo("integer"))));
  }
}
