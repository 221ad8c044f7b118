package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class ChatCommandTest {
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl() + "/v1";
  }

  @Test
  void oneShotPrintsOnlyTheReply() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Cli.golden("chat-completion.json"))));

    Cli.Result result =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            "sk-test-key-1",
            "--model",
            "gpt-4o-mini",
            "--temperature",
            "0.2",
            "--max-tokens",
            "50",
            "--seed",
            "7",
            "--system",
            "Be brief.",
            "Capital",
            "of",
            "France?");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Paris is the capital of France.");
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer sk-test-key-1"))
            .withRequestBody(
                equalToJson(
                    """
            {"model": "gpt-4o-mini", "temperature": 0.2, "max_completion_tokens": 50, "seed": 7,
             "messages": [{"role": "system", "content": "Be brief."},
                          {"role": "user", "content": "Capital of France?"}]}
            """,
                    true,
                    true)));
  }

  @Test
  void streamPrintsTheReplyAsItArrives() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Cli.golden("chat-stream.sse"))));

    Cli.Result result =
        Cli.run(
            "chat",
            "--stream",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            "sk-test-key-1",
            "Capital of France?");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Paris!");
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
  }

  @Test
  void settingsComeFromEnvironmentWhenNoFlagsAreGiven() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Cli.golden("chat-completion.json"))));
    Map<String, String> env =
        Map.of(
            "LLMKIT_PROVIDER",
            "openai",
            "LLMKIT_OPENAI_BASE_URL",
            baseUrl,
            "LLMKIT_OPENAI_API_KEY",
            "sk-from-env-1");

    Cli.Result result = Cli.run(env, "", "chat", "Hi");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Paris is the capital of France.");
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer sk-from-env-1")));
  }

  @Test
  void flagsWinOverEnvironment() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Cli.golden("chat-completion.json"))));
    Map<String, String> env =
        Map.of(
            "LLMKIT_PROVIDER",
            "openai",
            "LLMKIT_OPENAI_BASE_URL",
            "http://127.0.0.1:9/v1",
            "LLMKIT_OPENAI_API_KEY",
            "sk-env-2");

    Cli.Result result =
        Cli.run(env, "", "chat", "--base-url", baseUrl, "-Dllmkit.openai.api-key=sk-flag-3", "Hi");

    assertThat(result.exitCode()).isZero();
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer sk-flag-3")));
  }

  @Test
  void interactiveChatKeepsHistoryAndResets() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Cli.golden("chat-stream.sse"))));

    Cli.Result result =
        Cli.run(
            Map.of(),
            "first\nsecond\n/reset\nthird\n/exit\nignored\n",
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            "sk-test-key-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Paris!\nParis!\nParis!\n");
    verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                equalToJson(
                    """
            {"messages": [{"role": "user", "content": "first"},
                          {"role": "assistant", "content": "Paris!"},
                          {"role": "user", "content": "second"}]}
            """,
                    true,
                    true)));
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                equalToJson(
                    """
            {"messages": [{"role": "user", "content": "third"}]}
            """,
                    true,
                    true)));
  }

  @Test
  void interactiveChatReportsAFailedTurnAndGoesOn() {
    stubFor(
        post("/v1/chat/completions")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": {\"message\": \"bad\", \"code\": \"invalid_value\"}}"))
            .willSetStateTo("ok"));
    stubFor(
        post("/v1/chat/completions")
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Cli.golden("chat-stream.sse"))));

    Cli.Result result =
        Cli.run(
            Map.of(),
            "first\nsecond\n",
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            "sk-test-key-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("\nParis!\n");
    assertThat(result.err()).contains("llmkit: openai API error 400 invalid_value: bad");
    verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(
                equalToJson(
                    """
            {"messages": [{"role": "user", "content": "second"}]}
            """,
                    true,
                    true)));
  }

  @Test
  void modelsListShowsTheProvidersModels() {
    stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"object": "list", "data": [
              {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
              {"id": "ft:gpt-4o-mini:org::x1", "object": "model", "created": 1721172800,
               "owned_by": "user-abc"}]}
            """)));

    Cli.Result result =
        Cli.run(
            "models",
            "list",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            "sk-test-key-1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly("gpt-4o-mini\tsystem", "ft:gpt-4o-mini:org::x1\tuser-abc");
  }
}
