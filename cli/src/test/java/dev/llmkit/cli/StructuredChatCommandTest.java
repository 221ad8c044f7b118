package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat --json-schema} and {@code --tool}: one-shot mode prints only the JSON. */
@WireMockTest
class StructuredChatCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonSchemaOnTheLocalProviderPrintsOnlyAValidDocument(@TempDir Path dir) throws Exception {
    Path schema =
        Files.writeString(
            dir.resolve("person.json"),
            "{\"type\": \"object\","
                + " \"properties\": {\"name\": {\"type\": \"string\", \"maxLength\": 10},"
                + " \"age\": {\"type\": \"integer\"}}, \"required\": [\"name\", \"age\"],"
                + " \"additionalProperties\": false}");
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");

    Cli.Result r =
        Cli.run(
            "chat",
            "--provider",
            "local",
            "--model",
            model.toString(),
            "--seed",
            "3",
            "--max-tokens",
            "100",
            "--json-schema",
            schema.toString(),
            "Describe Lily");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.fieldNames()).toIterable().containsExactly("name", "age");
    assertThat(doc.get("age").isIntegralNumber()).isTrue();
  }

  @Test
  void toolFilesAreSentAndCallsPrintedAsJson(WireMockRuntimeInfo wm, @TempDir Path dir)
      throws Exception {
    Path tool =
        Files.writeString(
            dir.resolve("weather.json"),
            "{\"type\": \"function\","
                + " \"function\": {\"name\": \"get_weather\", \"parameters\": {\"type\": \"object\","
                + " \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]},"
                + " \"strict\": true}}");
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"created\": 1,"
                            + " \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"finish_reason\":"
                            + " \"tool_calls\", \"message\": {\"role\": \"assistant\", \"content\": null,"
                            + " \"tool_calls\": [{\"id\": \"call_abc\", \"type\": \"function\", \"function\":"
                            + " {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\":\\\"Paris\\\"}\"}}]}}]}")));

    Cli.Result r =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            wm.getHttpBaseUrl() + "/v1",
            "--api-key",
            "sk-test-key-1",
            "--tool",
            tool.toString(),
            "--tool-choice",
            "get_weather",
            "Weather in Paris?");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()))
        .isEqualTo(
            JSON.readTree(
                "[{\"id\": \"call_abc\","
                    + " \"type\": \"function\", \"function\": {\"name\": \"get_weather\","
                    + " \"arguments\": \"{\\\"city\\\":\\\"Paris\\\"}\"}}]"));
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                equalToJson(
                    "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\","
                        + " \"strict\": true}}], \"tool_choice\": {\"type\": \"function\", \"function\":"
                        + " {\"name\": \"get_weather\"}}}",
                    true,
                    true)));
  }

  @Test
  void aMissingSchemaFileIsAUsageError() {
    Cli.Result r =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--api-key",
            "sk-test-key-1",
            "--json-schema",
            "/no/such/file.json",
            "hi");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("/no/such/file.json");
  }
}
