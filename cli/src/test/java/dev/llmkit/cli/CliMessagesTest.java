package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages speak command line: flags to use, hints on a 404 or a full context (issue 14). */
@WireMockTest
class CliMessagesTest {
  @TempDir Path cache;

  @Test
  void missingLocalModelSuggestsTheModelFlag() {
    Cli.Result result = Cli.run("chat", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "llmkit: no local model: give --model FILE.gguf or --model"
                + " hf:<owner>/<repo>/<file>.gguf (or set llmkit.local.model)\n");
  }

  @Test
  void modelFileThatDoesNotExistIsAConfigurationError() {
    Cli.Result result =
        Cli.run("complete", "--model", cache.resolve("no-such.gguf").toString(), "Once");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().contains("no-such.gguf");
  }

  @Test
  void missingApiKeySuggestsTheApiKeyFlag() {
    Cli.Result result = Cli.run("chat", "--provider", "openai", "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("give --api-key KEY or set the environment variable" + " OPENAI_API_KEY")
        .doesNotContain("system property");
  }

  @Test
  void baseUrlWithoutSchemeSaysSo() {
    Cli.Result result =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--api-key",
            "sk-test1234",
            "--base-url",
            "localhost:11434/v1",
            "Hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "llmkit: --base-url is 'localhost:11434/v1', which has no"
                + " http:// or https:// scheme; write http://localhost:11434/v1 (or https://...)\n");
  }

  @Test
  void notFoundWithoutV1InTheBaseUrlHintsAtIt(WireMockRuntimeInfo wm) {
    stubFor(
        post("/chat/completions")
            .willReturn(aResponse().withStatus(404).withBody("404 page not found")));

    Cli.Result result =
        Cli.run(
            "chat",
            "--provider",
            "openai",
            "--api-key",
            "sk-test1234",
            "--base-url",
            wm.getHttpBaseUrl(),
            "Hi");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("API error 404")
        .contains("does not end in /v1")
        .contains("try --base-url " + wm.getHttpBaseUrl() + "/v1");
  }

  @Test
  void fullContextInAChatSuggestsReset(WireMockRuntimeInfo wm) {
    stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"This model's maximum context length is 8 tokens.\","
                            + "\"type\":\"invalid_request_error\",\"param\":\"messages\","
                            + "\"code\":\"context_length_exceeded\"}}")));

    Cli.Result result =
        Cli.run(
            Map.of(),
            "a long message\n/exit\n",
            "chat",
            "--provider",
            "openai",
            "--api-key",
            "sk-test1234",
            "--base-url",
            wm.getHttpBaseUrl() + "/v1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .contains("context_length_exceeded")
        .contains("/reset starts the conversation over");
  }

  @Test
  void chatBannerNamesTheModel(WireMockRuntimeInfo wm) {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "/exit\n",
            "chat",
            "--provider",
            "openai",
            "--api-key",
            "sk-test1234",
            "--base-url",
            wm.getHttpBaseUrl() + "/v1",
            "--model",
            "gpt-4.1-nano");

    assertThat(result.err()).startsWith("Chatting with openai model gpt-4.1-nano.");
  }

  @Test
  void slf4jHasABackendSoNoNoProvidersNoticeIsPrinted() {
    assertThat(java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class))
        .as("an SLF4J provider on the CLI's class path")
        .isNotEmpty();
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory())
        .isNotInstanceOf(org.slf4j.helpers.NOPLoggerFactory.class);
  }

  @Test
  void emptyModelCacheIsReported() {
    Cli.Result result = Cli.run("models", "list", "-Dllmkit.local.cache-dir=" + cache);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "no models in the cache "
                + cache
                + "; download one with 'llmkit models pull hf:<owner>/<repo>/<file>.gguf'\n");
  }
}
