package dev.llmkit.local.internal.download;

import dev.llmkit.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One download attempt of one file into {@code <target>.part}, resumed with an HTTP {@code Range}
 * request when a part file exists. On success the part is checked (size, SHA-256 when known),
 * forced to disk and moved atomically to the target.
 *
 * <p>An {@link IOException} means "try again, resuming"; a {@link ModelLoadException} is final. The
 * expected SHA-256 comes from the spec's {@code #sha256=} suffix, else Hugging Face's {@code
 * X-Linked-Etag} (the LFS object id), else an {@code ETag} that is 64 hex digits.
 */
final class Downloader {
  private static final int MAX_REDIRECTS = 10;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final DownloadOptions options;
  private final HttpClient http;

  Downloader(DownloadOptions options) {
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(options.connectTimeout())
            .build();
  }

  static URI url(DownloadOptions options, ModelSpec spec) {
    String base = options.baseUrl().toString().replaceAll("/+$", "");
    return URI.create(
        base + "/" + spec.owner() + "/" + spec.repo() + "/resolve/main/" + spec.file());
  }

  void download(ModelSpec spec, Path target) throws IOException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    String linkedEtag = null;
    URI uri = url(options, spec);
    HttpResponse<InputStream> response = null;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      response = send(uri, have);
      linkedEtag = firstNonNull(linkedEtag, header(response, "X-Linked-Etag"));
      int code = response.statusCode();
      if (code < 300 || code >= 400 || code == 304) {
        break;
      }
      response.body().close();
      String location = header(response, "Location");
      if (location == null) {
        throw fail(spec, "redirect " + code + " without a Location header from " + uri);
      }
      uri = uri.resolve(location);
    }
    if (response == null) { // the loop runs at least once
      throw new IllegalStateException("no request was sent for " + uri);
    }
    try (InputStream body = response.body()) {
      long total = expectedTotal(spec, response, uri, have, part);
      if (response.statusCode() == 200 && have > 0) {
        have = 0; // the server ignored the Range request: start over
      }
      if (response.statusCode() == 416) {
        have = Files.size(part); // already complete
      }
      String sha256 =
          firstNonNull(
              spec.sha256(),
              firstNonNull(sha256Of(linkedEtag), sha256Of(header(response, "ETag"))));
      MessageDigest digest = sha256();
      long size = write(spec, body, part, have, total, digest);
      verify(spec, part, size, total, sha256, digest);
    }
    Files.createDirectories(target.getParent());
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private HttpResponse<InputStream> send(URI uri, long have) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(options.readTimeout())
            .header("User-Agent", "llmkit-local");
    String token = options.token();
    if (token != null && sameHost(uri, options.baseUrl())) {
      request.header("Authorization", "Bearer " + token);
    }
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("download interrupted");
    }
  }

  private static boolean sameHost(URI a, URI b) {
    return a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort()
        && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()));
  }

  /** Checks the status and returns the complete file size, or -1 if unknown. */
  private long expectedTotal(
      ModelSpec spec, HttpResponse<InputStream> response, URI uri, long have, Path part)
      throws IOException {
    int code = response.statusCode();
    if (code == 200) {
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      return length >= 0 ? length : response.headers().firstValueAsLong("X-Linked-Size").orElse(-1);
    }
    if (code == 206) {
      Matcher m = CONTENT_RANGE.matcher(header(response, "Content-Range") + "");
      if (!m.matches() || Long.parseLong(m.group(1)) != have) {
        Files.deleteIfExists(part);
        throw new IOException(
            "server answered the resume request with an unexpected range; restarting");
      }
      return m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    }
    if (code == 416) {
      String range = Optional.ofNullable(header(response, "Content-Range")).orElse("");
      if (range.equals("bytes */" + have)) {
        return have;
      }
      Files.deleteIfExists(part);
      throw new IOException("server rejected the resume range; restarting from the beginning");
    }
    if (code == 401 || code == 403) {
      throw fail(
          spec,
          "access denied (HTTP "
              + code
              + ") at "
              + uri
              + "; the repository may be private or gated, download the file yourself and set"
              + " llmkit.local.model to its path");
    }
    if (code == 404) {
      throw fail(
          spec, "not found (HTTP 404) at " + uri + "; check owner, repository and file name");
    }
    if (code == 429 || code >= 500) {
      throw new IOException("HTTP " + code + " from " + uri);
    }
    throw fail(spec, "unexpected HTTP " + code + " from " + uri);
  }

  private long write(
      ModelSpec spec, InputStream body, Path part, long have, long total, MessageDigest digest)
      throws IOException {
    try (FileChannel out =
        FileChannel.open(
            part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      out.truncate(have);
      hashPrefix(out, have, digest);
      out.position(have);
      long size = have;
      byte[] buffer = new byte[1 << 16];
      options.listener().onProgress(spec.fileName(), size, total);
      StallWatchdog watchdog = new StallWatchdog(body, options.readTimeout());
      try {
        for (int n; (n = body.read(buffer)) >= 0; ) {
          watchdog.progress();
          out.write(ByteBuffer.wrap(buffer, 0, n));
          digest.update(buffer, 0, n);
          size += n;
          options.listener().onProgress(spec.fileName(), size, total);
        }
      } catch (IOException e) {
        out.force(true); // keep what arrived for the resume
        throw watchdog.fired() ? stalled(e) : e;
      } finally {
        watchdog.close();
      }
      if (watchdog.fired()) {
        out.force(true);
        throw stalled(null);
      }
      out.force(true);
      return size;
    }
  }

  private IOException stalled(@Nullable IOException cause) {
    return new IOException(
        "no data arrived for " + options.readTimeout().toSeconds() + " s; the transfer stalled",
        cause);
  }

  private static void hashPrefix(FileChannel in, long length, MessageDigest digest)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long pos = 0;
    while (pos < length) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - pos));
      int n = in.read(buffer, pos);
      if (n < 0) {
        throw new IOException("partial file shrank while reading it");
      }
      digest.update(buffer.flip());
      pos += n;
    }
  }

  private static void verify(
      ModelSpec spec,
      Path part,
      long size,
      long total,
      @Nullable String sha256,
      MessageDigest digest)
      throws IOException {
    if (total >= 0 && size < total) {
      throw new IOException("connection closed after " + size + " of " + total + " bytes");
    }
    if (total >= 0 && size > total) {
      Files.deleteIfExists(part);
      throw fail(spec, "received " + size + " bytes but the server announced " + total);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (sha256 != null && !sha256.equals(actual)) {
      Files.deleteIfExists(part);
      throw fail(
          spec,
          "SHA-256 mismatch: expected "
              + sha256
              + " but the downloaded file has "
              + actual
              + "; the partial file was deleted");
    }
    String notGguf = notGguf(part);
    if (notGguf != null) {
      Files.deleteIfExists(part);
      throw fail(
          spec,
          "the server sent "
              + size
              + " bytes that are not a GGUF model file ("
              + notGguf
              + "); check the repository and file name; nothing was cached");
    }
  }

  /**
   * Why {@code file} cannot be a GGUF file (it must start with the magic "GGUF" and hold at least
   * the 24-byte header), or null when it can; e.g. an HTML or JSON error page served with 200.
   */
  static @Nullable String notGguf(Path file) throws IOException {
    byte[] head = new byte[24];
    int n;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
      return n < head.length ? "only " + n + " bytes, shorter than a GGUF header" : null;
    }
    StringBuilder start = new StringBuilder();
    for (int i = 0; i < Math.min(n, 16); i++) {
      int c = head[i] & 0xFF;
      start.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
    }
    return "it starts with '" + start + "', not with the magic 'GGUF'";
  }

  private static ModelLoadException fail(ModelSpec spec, String message) {
    return new ModelLoadException(
        ModelResolver.PROVIDER, "cannot download model " + spec.spec() + ": " + message);
  }

  private static @Nullable String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static @Nullable String sha256Of(@Nullable String etag) {
    if (etag == null) {
      return null;
    }
    String v = etag.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "").toLowerCase(Locale.ROOT);
    return HEX64.matcher(v).matches() ? v : null;
  }

  private static <T> @Nullable T firstNonNull(@Nullable T a, @Nullable T b) {
    return a != null ? a : b;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
