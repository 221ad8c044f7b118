package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.local.testing.SharedModels;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An hf: model is downloaded from a (local) Hugging Face-like server once, then used offline. */
class LocalClientDownloadTest {
  @TempDir Path cache;

  @Test
  void hfModelIsDownloadedVerifiedCachedAndThenServedOffline() throws Exception {
    byte[] gguf = Files.readAllBytes(SharedModels.resolve("stories260K/stories260K-Q4_0.gguf"));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gguf));
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256 + "\"");
          exchange.sendResponseHeaders(200, gguf.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(gguf);
          }
        });
    server.start();
    AtomicLong reported = new AtomicLong();
    String spec = "hf:acme/stories-GGUF/stories260K-Q4_0.gguf";
    try {
      try (LocalClient online =
          LocalClient.builder()
              .model(spec)
              .cacheDir(cache)
              .downloadBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
              .downloadListener((file, done, total) -> reported.set(done))
              .threads(1)
              .build()) {
        assertThat(online.models().list().get(0).id()).isEqualTo("stories260K-Q4_0");
      }
    } finally {
      server.stop(0);
    }

    try (LocalClient offline =
        LocalClient.builder().model(spec).cacheDir(cache).offline(true).threads(1).build()) {
      String text =
          offline
              .completions()
              .complete(
                  CompletionRequest.builder()
                      .model("m")
                      .prompt("Once upon a time")
                      .temperature(0.0)
                      .maxTokens(4)
                      .build())
              .text();

      assertThat(text).isNotBlank();
    }
    assertThat(paths).containsExactly("/acme/stories-GGUF/resolve/main/stories260K-Q4_0.gguf");
    assertThat(reported.get()).isEqualTo(gguf.length);
    assertThat(cache.resolve("acme/stories-GGUF/stories260K-Q4_0.gguf")).hasBinaryContent(gguf);
  }

  @Test
  void pullDownloadsWithoutLoadingAndReusesTheCache() throws Exception {
    byte[] bytes =
        "GGUF and then not a model, just bytes"
            .getBytes(
                java.nio.charset.StandardCharsets.UTF_8); // pull checks the magic, it does not load
    AtomicLong requests = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    String spec = "hf:acme/repo/sub/file.gguf";
    try {
      Path first = LocalModels.pull(spec, cache, base, DownloadListener.none());
      Path second = LocalModels.pull(spec, cache, base, DownloadListener.none());

      assertThat(first)
          .isEqualTo(second)
          .isEqualTo(LocalModels.cachePath(spec, cache))
          .isEqualTo(cache.resolve("acme/repo/sub/file.gguf"))
          .hasBinaryContent(bytes);
      assertThat(requests.get()).isEqualTo(1);
      assertThat(LocalModels.cachePath("/models/x.gguf", cache))
          .isEqualTo(Path.of("/models/x.gguf"));
    } finally {
      server.stop(0);
    }
  }
}
