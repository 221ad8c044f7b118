package dev.llmkit.local.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmkit.LlmIoException;
import dev.llmkit.ModelLoadException;
import dev.llmkit.local.DownloadListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
  private static final String PATH = "/acme/tiny-GGUF/resolve/main/tiny.gguf";
  private static final ModelSpec SPEC = ModelSpec.parse("hf:acme/tiny-GGUF/tiny.gguf");

  @TempDir Path cache;
  private HttpServer server;
  private final byte[] content = new byte[300_000];
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicInteger cutsLeft = new AtomicInteger();
  private final AtomicInteger stallsLeft = new AtomicInteger();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile String linkedEtag;
  private final AtomicLong lastTotal = new AtomicLong(-2);

  @BeforeEach
  void startServer() throws IOException {
    new Random(1).nextBytes(content);
    System.arraycopy(new byte[] {'G', 'G', 'U', 'F'}, 0, content, 0, 4); // checked on arrival
    server = HttpServer.create(new InetSocketAddress(0), 0);
    server.createContext(PATH, this::serveRedirect);
    server.createContext("/cdn/tiny.gguf", this::serveFile);
    server.createContext(
        "/gated/repo/resolve/main/tiny.gguf",
        ex -> {
          authorizations.add("hub:" + ex.getRequestHeaders().getFirst("Authorization"));
          ex.getResponseHeaders()
              .add(
                  "Location",
                  "http://localhost:" + server.getAddress().getPort() + "/cdn/tiny.gguf");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serveRedirect(HttpExchange ex) throws IOException {
    if (linkedEtag != null) {
      ex.getResponseHeaders().add("X-Linked-Etag", "\"" + linkedEtag + "\"");
    }
    ex.getResponseHeaders().add("Location", "/cdn/tiny.gguf");
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  /**
   * Serves {@link #content}, honouring "Range: bytes=N-"; cuts the body in half while cutsLeft > 0.
   */
  private void serveFile(HttpExchange ex) throws IOException {
    authorizations.add("cdn:" + ex.getRequestHeaders().getFirst("Authorization"));
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(String.valueOf(range));
    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    if (range != null) {
      ex.getResponseHeaders()
          .add(
              "Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    int length = content.length - from;
    ex.sendResponseHeaders(range == null ? 200 : 206, length);
    try (OutputStream out = ex.getResponseBody()) {
      int send = cutsLeft.getAndDecrement() > 0 || stallsLeft.get() > 0 ? length / 2 : length;
      out.write(content, from, send);
      out.flush();
      if (send < length && stallsLeft.getAndDecrement() > 0) {
        sleep(3000); // keep the connection open without sending anything
      }
      if (send < length) {
        // Closing with fewer bytes than the announced length makes the server drop the connection.
        throw new IOException("simulated connection cut");
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis); // a server that is slow on purpose
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ModelResolver resolver(int attempts) {
    DownloadListener listener = (file, done, total) -> lastTotal.set(total);
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new ModelResolver(
        DownloadOptions.defaults(listener)
            .withCacheDir(cache)
            .withBaseUrl(base)
            .withRetries(attempts, Duration.ofMillis(10)));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private Path target() {
    return cache.resolve("acme/tiny-GGUF/tiny.gguf");
  }

  @Test
  void anUnresolvableHostIsNamedWithTheWayOut() {
    // .invalid never resolves (RFC 2606), so this needs no network
    ModelResolver offline =
        new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(cache)
                .withBaseUrl(URI.create("https://hub.llmkit.invalid"))
                .withRetries(2, Duration.ofMillis(10)));

    assertThatThrownBy(() -> offline.resolve(SPEC))
        .isInstanceOf(dev.llmkit.LlmIoException.class)
        .hasMessageContaining("https://hub.llmkit.invalid/acme/tiny-GGUF/resolve/main/tiny.gguf")
        .hasMessageContaining("cannot resolve host hub.llmkit.invalid")
        .hasMessageContaining("llmkit.local.model")
        .hasMessageNotContaining("null")
        .hasMessageNotContaining("partial file");
  }

  @Test
  void downloadsIntoTheCacheFollowingRedirects() throws Exception {
    Path path = resolver(1).resolve(SPEC);

    assertThat(path).isEqualTo(target());
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(path.resolveSibling("tiny.gguf.part")).doesNotExist();
    assertThat(lastTotal.get()).isEqualTo(content.length);
  }

  @Test
  void aLockFileLeftByAKilledProcessNeitherBlocksNorStays() throws Exception {
    Path lock = target().resolveSibling("tiny.gguf.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "pid=" + Long.MAX_VALUE + "\nhost=" + DownloadLock.Owner.localHost());

    Path path = resolver(1).resolve(SPEC);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(lock).doesNotExist();
  }

  @Test
  void lockPatienceCoversEveryAttemptOfTheHolder() {
    DownloadOptions options = DownloadOptions.defaults(DownloadListener.none());

    Duration patience = ModelResolver.lockPatience(options);

    assertThat(patience)
        .isGreaterThan(
            options
                .readTimeout()
                .plus(options.connectTimeout())
                .multipliedBy(options.maxAttempts()));
  }

  @Test
  void resumesWithARangeRequestAfterTheConnectionIsCut() throws Exception {
    cutsLeft.set(1);
    linkedEtag = sha256(content);

    Path path = resolver(3).resolve(SPEC);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(ranges).hasSize(2);
    assertThat(ranges.get(0)).isEqualTo("null");
    long resumedFrom = Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
    assertThat(resumedFrom).isPositive().isLessThan(content.length);
  }

  @Test
  void aStalledTransferIsCutAfterTheReadTimeoutAndResumed() throws Exception {
    stallsLeft.set(1);
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    ModelResolver impatient =
        new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(cache)
                .withBaseUrl(base)
                .withRetries(2, Duration.ofMillis(10))
                .withReadTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();

    Path path = impatient.resolve(SPEC);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(ranges).hasSize(2);
    assertThat(ranges.get(1)).startsWith("bytes=").isNotEqualTo("bytes=0-");
    assertThat(System.nanoTime() - start).isLessThan(2_500_000_000L);
  }

  @Test
  void theTokenGoesToTheHubButNotToTheHostItRedirectsTo() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    DownloadOptions options =
        DownloadOptions.defaults(DownloadListener.none())
            .withCacheDir(cache)
            .withBaseUrl(base)
            .withRetries(1, Duration.ofMillis(10))
            .withToken("hf_secret");
    ModelResolver withToken = new ModelResolver(options);

    Path path = withToken.resolve(ModelSpec.parse("hf:gated/repo/tiny.gguf"));

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(authorizations).containsExactly("hub:Bearer hf_secret", "cdn:null");
    assertThat(options.toString()).doesNotContain("hf_secret");
  }

  @Test
  void aLaterCallResumesThePartialFileOfAFailedOne() throws Exception {
    cutsLeft.set(1);

    assertThatThrownBy(() -> resolver(1).resolve(SPEC))
        .isInstanceOf(LlmIoException.class)
        .hasMessageContaining("partial file is kept");
    assertThat(target()).doesNotExist();
    assertThat(target().resolveSibling("tiny.gguf.part")).exists();

    Path path = resolver(1).resolve(SPEC);

    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    assertThat(ranges.get(1)).startsWith("bytes=").isNotEqualTo("bytes=0-");
  }

  @Test
  void checksumMismatchFailsAndLeavesNoFile() {
    linkedEtag = "0".repeat(64);

    assertThatThrownBy(() -> resolver(3).resolve(SPEC))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("SHA-256 mismatch")
        .hasMessageContaining("0".repeat(64));
    assertThat(target()).doesNotExist();
    assertThat(target().resolveSibling("tiny.gguf.part")).doesNotExist();
    assertThat(ranges).hasSize(1); // a mismatch is final, not retried
  }

  @Test
  void sha256FromTheSpecIsChecked() throws Exception {
    ModelSpec good = ModelSpec.parse(SPEC.spec() + "#sha256=" + sha256(content));
    ModelSpec bad = ModelSpec.parse(SPEC.spec() + "#sha256=" + "1".repeat(64));

    assertThatThrownBy(() -> resolver(1).resolve(bad)).hasMessageContaining("SHA-256 mismatch");
    assertThat(Files.readAllBytes(resolver(1).resolve(good))).isEqualTo(content);
  }

  @Test
  void missingRemoteFileIsAClearError() {
    ModelSpec missing = ModelSpec.parse("hf:acme/tiny-GGUF/nope.gguf");

    assertThatThrownBy(() -> resolver(3).resolve(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("/acme/tiny-GGUF/resolve/main/nope.gguf");
  }

  @Test
  void offlineWithoutTheFileSaysWhatIsMissingAndWhatToDo() {
    ModelResolver offline =
        new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(cache)
                .withOffline(true));

    assertThatThrownBy(() -> offline.resolve(SPEC))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(target().toAbsolutePath().toString())
        .hasMessageContaining("llmkit.local.offline=true")
        .hasMessageContaining("llmkit.local.model");
    assertThat(ranges).isEmpty();
  }

  @Test
  void offlineUsesACachedFile() throws Exception {
    Files.createDirectories(target().getParent());
    byte[] gguf = new byte[24]; // the GGUF magic and a header's length: what a cached model has
    System.arraycopy("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, gguf, 0, 4);
    Files.write(target(), gguf);
    ModelResolver offline =
        new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(cache)
                .withOffline(true));

    assertThat(offline.resolve(SPEC)).isEqualTo(target());
  }

  @Test
  void aCachedFileThatIsNoGgufIsRemovedAndNotUsed() throws Exception {
    Files.createDirectories(target().getParent());
    Files.writeString(target(), "<!DOCTYPE html><html>Sign in</html>");
    ModelResolver offline =
        new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(cache)
                .withOffline(true));

    assertThatThrownBy(() -> offline.resolve(SPEC))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("is not in the cache");
    assertThat(target()).doesNotExist();
  }

  @Test
  void missingLocalPathIsAClearError() {
    ModelSpec spec = ModelSpec.parse(cache.resolve("absent.gguf").toString());

    assertThatThrownBy(() -> resolver(1).resolve(spec))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("absent.gguf")
        .hasMessageContaining("does not exist");
  }
}
