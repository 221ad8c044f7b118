package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A program that closes its client exits promptly: checked in a real child JVM. */
@WireMockTest
class OpenAiClientExitTest {
  @Test
  void programThatClosesItsClientExitsPromptly(WireMockRuntimeInfo wm) throws Exception {
    stubFor(
        post("/v1/chat/completions")
            .atPriority(5)
            .willReturn(okJson(Golden.read("openai/chat/completion-basic.json"))));
    stubFor(
        post("/v1/chat/completions")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Golden.read("openai/stream/stream-basic.sse"))));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ExitProbe.class.getName(),
                wm.getHttpBaseUrl() + "/v1",
                "stream")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long start = System.nanoTime();

    boolean exited = process.waitFor(20, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    if (!exited) {
      process.destroyForcibly();
    }

    assertThat(exited).as("child JVM exited").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(seconds).as("seconds until exit").isLessThan(15);
    verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }
}
