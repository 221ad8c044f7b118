package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No error path of the command line prints a key it was given. */
@WireMockTest
class SecretMaskingTest {
  private static final String KEY = "sk-test-SECRET-1234";

  @Test
  void apiKeyBeforeTheSubcommandIsMasked() {
    Cli.Result result = Cli.run("--api-key", KEY, "chat", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--api-key").contains("***").doesNotContain("SECRET");
  }

  @Test
  void misspeltKeyOptionWithEqualsIsMasked() {
    Cli.Result result = Cli.run("chat", "--apikey=gw-SECRET-99", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Unknown option")
        .contains("--apikey=***")
        .doesNotContain("SECRET");
  }

  @Test
  void misspeltKeyOptionWithSeparateValueIsMasked() {
    Cli.Result result =
        Cli.run("--provider", "openai", "--access-token", "tok-SECRET-42", "chat", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).doesNotContain("SECRET");
  }

  @Test
  void malformedSetValueWithAKeyIsMasked() {
    Cli.Result result = Cli.run("chat", "--set", "openai.api-key:gw-SECRET-7", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--set").doesNotContain("SECRET");
  }

  @Test
  void keyInSetBeforeTheSubcommandIsMasked() {
    Cli.Result result = Cli.run("-Dllmkit.openai.api-key=gw-SECRET-8", "chat", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).doesNotContain("SECRET");
  }

  @Test
  void misspeltKeySettingIsMaskedInProviderErrors(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\": {\"message\": \"bad key gw-SECRET-9\", \"code\": \"x\"}}")));

    Cli.Result result =
        Cli.run(
            Map.of(),
            "",
            "chat",
            "--debug",
            "--provider",
            "openai",
            "--base-url",
            wm.getHttpBaseUrl() + "/v1",
            "-Dllmkit.openai.apikey=gw-SECRET-9",
            "--api-key",
            KEY,
            "Hi");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).doesNotContain("SECRET");
  }

  @Test
  void maxTokensIsNotTakenForASecret() {
    Cli.Result result = Cli.run("chat", "--max-tokens", "lots", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("lots");
  }

  @Test
  void passwordOfABaseUrlIsMasked() {
    Cli.Result result =
        Cli.run("--base-url", "http://alice:pw-SECRET-3@127.0.0.1:9/v1", "chat", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("alice:***@").doesNotContain("SECRET");
  }

  /**
   * picocli's own tracer writes to System.err, past the command's redaction: a header value with an
   * unbalanced quote drew a WARNING quoting it, and {@code -Dpicocli.trace=DEBUG} prints every
   * option value. Nothing of it may reach the process's stderr.
   */
  @Test
  void picocliTracerNeverPrintsAValueToTheProcessStderr() {
    String header = "gw-SECRET-10 \"quoted\\ back\tslash";
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream processErr = new java.io.ByteArrayOutputStream();
    String trace = System.getProperty("picocli.trace");
    Cli.Result result;
    try {
      System.setErr(
          new java.io.PrintStream(processErr, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setProperty("picocli.trace", "DEBUG");
      result =
          Cli.run(
              "chat",
              "--provider",
              "openai",
              "--base-url",
              "http://127.0.0.1:9/v1",
              "--api-key",
              KEY,
              "-Dllmkit.openai.headers.X-Api-Key=" + header,
              "--temperature",
              "warm",
              "Hi");
    } finally {
      System.setErr(err);
      if (trace == null) {
        System.clearProperty("picocli.trace");
      } else {
        System.setProperty("picocli.trace", trace);
      }
    }

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--temperature").contains("warm");
    assertThat(processErr.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("SECRET");
  }
}
