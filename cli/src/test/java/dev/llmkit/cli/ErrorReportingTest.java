package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class ErrorReportingTest {
  private static final String KEY = "sk-test-SECRET-1234";
  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    baseUrl = wm.getHttpBaseUrl() + "/v1";
  }

  @Test
  void apiErrorIsOneLineWithStatusCodeAndRequestIdButNoKey() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-request-id", "req_cli_1")
                    .withBody(Cli.golden("error-401.json"))));

    Cli.Result result =
        Cli.run("chat", "--provider", "openai", "--base-url", baseUrl, "--api-key", KEY, "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("openai", "401", "invalid_api_key", "req_cli_1")
        .doesNotContain(KEY)
        .doesNotContain("at dev.llmkit");
  }

  @Test
  void escapeSequencesFromTheServerNeverReachTheTerminal() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"\\u001b[2J\\u001b[Hllmkit: all good\\u0007\","
                            + " \"code\": \"bad\"}}")));

    Cli.Result plain =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            KEY,
            "-Dllmkit.openai.max-retries=0",
            "Hi");
    Cli.Result debug =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            KEY,
            "-Dllmkit.openai.max-retries=0",
            "--debug",
            "Hi");

    for (Cli.Result result : new Cli.Result[] {plain, debug}) {
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .doesNotContain("\u001b")
          .doesNotContain("\u0007")
          .contains("\\u001b[2J");
    }
  }

  @Test
  void multiLineServerMessageStillPrintsOneLine() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Cli.golden("error-429.json"))));

    Cli.Result result =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "--api-key",
            KEY,
            "-Dllmkit.openai.max-retries=0",
            "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("429", "rate_limit_exceeded");
  }

  @Test
  void keyFromEnvironmentIsNeverPrintedEvenWithDebug() {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"bad key "
                            + KEY
                            + "\", \"code\": \"invalid_api_key\"}}")));

    Cli.Result result =
        Cli.run(
            Map.of("LLMKIT_OPENAI_API_KEY", KEY),
            "",
            "chat",
            "--debug",
            "--provider",
            "openai",
            "--base-url",
            baseUrl,
            "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("invalid_api_key", "at ").doesNotContain(KEY);
  }

  @Test
  void unreachableServerIsOneLineAndExitCodeOne() {
    Cli.Result result =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--api-key",
            KEY,
            "-Dllmkit.openai.max-retries=0",
            "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("llmkit: openai").doesNotContain(KEY);
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result result = Cli.run("chat", "--no-such-option", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines())
        .containsExactly("llmkit: Unknown option: '--no-such-option' (see 'llmkit chat --help')");
  }

  @Test
  void badOptionValueIsOneLineWithoutTheKey() {
    Cli.Result result = Cli.run("chat", "--api-key", KEY, "--temperature", "warm", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("--temperature", "warm").doesNotContain(KEY);
  }

  @Test
  void unknownProviderIsAConfigurationErrorOnOneLine() {
    Cli.Result result = Cli.run("chat", "--provider", "nosuch", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("nosuch").doesNotContain("Exception");
  }

  @Test
  void missingLocalModelNamesTheSetting() {
    Cli.Result result = Cli.run("complete", "Once upon a time");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("llmkit.local.model");
  }
}
