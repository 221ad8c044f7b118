package dev.llmkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class ModelsCommandTest {
  private static final String SPEC = "hf:karpathy/tinyllamas/stories260K.gguf";
  private static final String URL = "/karpathy/tinyllamas/resolve/main/stories260K.gguf";

  @TempDir Path cache;

  @Test
  void pullDownloadsWithAProgressBarOnStderrAndPrintsThePath(WireMockRuntimeInfo wm)
      throws IOException {
    byte[] gguf = new byte[300_000]; // pull does not load the model: GGUF magic + any bytes
    new java.util.Random(1).nextBytes(gguf);
    System.arraycopy("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, gguf, 0, 4);
    stubFor(
        get(URL)
            .willReturn(
                aResponse()
                    .withBody(gguf)
                    .withHeader("Content-Length", String.valueOf(gguf.length))
                    .withHeader("Content-Type", "application/octet-stream")));

    Cli.Result result =
        Cli.run(
            "models",
            "pull",
            "--base-url",
            wm.getHttpBaseUrl(),
            "--set",
            "local.cache-dir=" + cache,
            SPEC);

    Path file = cache.resolve("karpathy/tinyllamas/stories260K.gguf");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(file.toAbsolutePath() + System.lineSeparator());
    assertThat(file).hasBinaryContent(gguf);
    assertThat(result.err()).contains("stories260K.gguf").contains("100%");
    verify(1, getRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void pullRejectsAnErrorPageServedAsTheModel(WireMockRuntimeInfo wm) {
    stubFor(
        get(URL)
            .willReturn(
                aResponse()
                    .withBody("<!DOCTYPE html><html>Sign in</html>")
                    .withHeader("Content-Type", "text/html")));

    for (int i = 0; i < 2; i++) { // nothing is cached, so a second pull fails the same way
      Cli.Result result =
          Cli.run(
              "models",
              "pull",
              "--no-progress",
              "--base-url",
              wm.getHttpBaseUrl(),
              "--set",
              "local.cache-dir=" + cache,
              SPEC);

      assertThat(result.exitCode()).isNotZero();
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .contains("not a GGUF model file")
          .contains("<!DOCTYPE html>")
          .doesNotContain("already in the cache");
      assertThat(cache.resolve("karpathy/tinyllamas/stories260K.gguf")).doesNotExist();
    }
  }

  @Test
  void pullRejectsAFileTooShortForAGgufHeader(WireMockRuntimeInfo wm) {
    // the magic alone, then the version: no tensor or metadata counts follow
    stubFor(
        get(URL)
            .willReturn(
                aResponse()
                    .withBody(new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0})
                    .withHeader("Content-Type", "application/octet-stream")));

    Cli.Result result =
        Cli.run(
            "models",
            "pull",
            "--no-progress",
            "--base-url",
            wm.getHttpBaseUrl(),
            "--set",
            "local.cache-dir=" + cache,
            SPEC);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("not a GGUF model file").contains("8 bytes");
    assertThat(cache.resolve("karpathy/tinyllamas/stories260K.gguf")).doesNotExist();
  }

  @Test
  void junkCachedBeforeTheMagicCheckIsDownloadedAgainNotReportedAsCached(WireMockRuntimeInfo wm)
      throws IOException {
    Path file = cache.resolve("karpathy/tinyllamas/stories260K.gguf");
    Files.createDirectories(file.getParent()); // what an older pull left: an error page
    Files.writeString(file, "{\"error\": \"Repository not found\"}");
    byte[] gguf = new byte[4_096];
    System.arraycopy("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, gguf, 0, 4);
    stubFor(
        get(URL)
            .willReturn(
                aResponse()
                    .withBody(gguf)
                    .withHeader("Content-Length", String.valueOf(gguf.length))));

    Cli.Result first =
        Cli.run(
            "models",
            "pull",
            "--no-progress",
            "--base-url",
            wm.getHttpBaseUrl(),
            "--set",
            "local.cache-dir=" + cache,
            SPEC);
    Cli.Result second =
        Cli.run(
            "models",
            "pull",
            "--no-progress",
            "--base-url",
            wm.getHttpBaseUrl(),
            "--set",
            "local.cache-dir=" + cache,
            SPEC);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).doesNotContain("already in the cache");
    assertThat(file).hasBinaryContent(gguf);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("already in the cache");
    verify(1, getRequestedFor(urlEqualTo(URL)));
  }

  @Test
  void pullWithAWrongChecksumFailsOnOneLine(WireMockRuntimeInfo wm) {
    stubFor(
        get(URL)
            .willReturn(
                aResponse().withBody(new byte[] {1, 2, 3}).withHeader("Content-Length", "3")));

    Cli.Result result =
        Cli.run(
            "models",
            "pull",
            "--no-progress",
            "--base-url",
            wm.getHttpBaseUrl(),
            "--set",
            "local.cache-dir=" + cache,
            SPEC + "#sha256=" + "0".repeat(64));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("SHA-256");
    assertThat(cache.resolve("karpathy/tinyllamas/stories260K.gguf")).doesNotExist();
  }

  @Test
  void pullFromAHostThatCannotBeReachedNamesItTheCauseAndTheWayOut() {
    Cli.Result result =
        Cli.run(
            "models",
            "pull",
            "--no-progress",
            "--base-url",
            "http://127.0.0.1:1",
            "--set",
            "local.cache-dir=" + cache,
            SPEC);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("llmkit: downloading " + SPEC + " from http://127.0.0.1:1" + URL)
        .contains("failed after 4 attempts: cannot connect to 127.0.0.1")
        .contains("a local .gguf file", "llmkit.local.offline=true", "https.proxyHost")
        .doesNotContain("null")
        .doesNotContain("partial file");
    assertThat(cache.resolve("karpathy/tinyllamas"))
        .satisfiesAnyOf(
            dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
  }

  @Test
  void listShowsCachedModelsAndRmDeletesThem() throws IOException {
    Path file = cache.resolve("owner/repo/sub/model-Q8_0.gguf");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3});
    Files.write(cache.resolve("owner/repo/sub/other.gguf.part"), new byte[] {1});
    String set = "-Dllmkit.local.cache-dir=" + cache;

    Cli.Result listed = Cli.run("models", "list", set);
    Cli.Result removed = Cli.run("models", "rm", set, "hf:owner/repo/sub/model-Q8_0.gguf");
    Cli.Result after = Cli.run("models", "list", set);

    assertThat(listed.out().lines()).containsExactly("hf:owner/repo/sub/model-Q8_0.gguf");
    assertThat(removed.exitCode()).isZero();
    assertThat(file).doesNotExist();
    assertThat(after.out()).isEmpty();
  }

  @Test
  void rmOfAModelNotInTheCacheFails() {
    Cli.Result result =
        Cli.run("models", "rm", "-Dllmkit.local.cache-dir=" + cache, "hf:owner/repo/missing.gguf");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("not in the cache");
  }
}
