package dev.llmkit.local.internal.download;

import dev.llmkit.local.DownloadListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how models are fetched.
 *
 * @param cacheDir root of the model cache; files go to {@code <cacheDir>/<owner>/<repo>/<file>}
 * @param baseUrl Hugging Face root, {@code https://huggingface.co} by default
 * @param offline never touch the network; a model missing from the cache is an error
 * @param listener receives progress
 * @param maxAttempts how often one download is tried (each retry resumes where the last stopped)
 * @param retryDelay pause before the second attempt; doubled for each further one
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest wait for response headers or for the next bytes of the body; a stalled
 *     transfer is cut and resumed by the next attempt
 * @param token Hugging Face access token for gated or private repositories, sent only to the base
 *     URL's host (never to the CDN a download redirects to); null for none
 */
public record DownloadOptions(
    Path cacheDir,
    URI baseUrl,
    boolean offline,
    DownloadListener listener,
    int maxAttempts,
    Duration retryDelay,
    Duration connectTimeout,
    Duration readTimeout,
    @Nullable String token) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://huggingface.co");

  public DownloadOptions {
    Objects.requireNonNull(cacheDir, "cacheDir == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    Objects.requireNonNull(listener, "listener == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it must be >= 1");
    }
  }

  /** {@code ~/.cache/llmkit/models}. */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "llmkit", "models");
  }

  /**
   * Defaults: the standard cache and base URL, online, 4 attempts 1 s apart, 30 s connect and 60 s
   * read timeouts, and the token of environment variable {@code HF_TOKEN} if set.
   */
  public static DownloadOptions defaults(DownloadListener listener) {
    String token = System.getenv("HF_TOKEN");
    return new DownloadOptions(
        defaultCacheDir(),
        DEFAULT_BASE_URL,
        false,
        listener,
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        token == null || token.isBlank() ? null : token.strip());
  }

  public DownloadOptions withCacheDir(Path dir) {
    return new DownloadOptions(
        dir,
        baseUrl,
        offline,
        listener,
        maxAttempts,
        retryDelay,
        connectTimeout,
        readTimeout,
        token);
  }

  public DownloadOptions withBaseUrl(URI url) {
    return new DownloadOptions(
        cacheDir,
        url,
        offline,
        listener,
        maxAttempts,
        retryDelay,
        connectTimeout,
        readTimeout,
        token);
  }

  public DownloadOptions withOffline(boolean off) {
    return new DownloadOptions(
        cacheDir,
        baseUrl,
        off,
        listener,
        maxAttempts,
        retryDelay,
        connectTimeout,
        readTimeout,
        token);
  }

  public DownloadOptions withRetries(int attempts, Duration delay) {
    return new DownloadOptions(
        cacheDir, baseUrl, offline, listener, attempts, delay, connectTimeout, readTimeout, token);
  }

  public DownloadOptions withReadTimeout(Duration timeout) {
    return new DownloadOptions(
        cacheDir,
        baseUrl,
        offline,
        listener,
        maxAttempts,
        retryDelay,
        connectTimeout,
        timeout,
        token);
  }

  public DownloadOptions withToken(@Nullable String accessToken) {
    return new DownloadOptions(
        cacheDir,
        baseUrl,
        offline,
        listener,
        maxAttempts,
        retryDelay,
        connectTimeout,
        readTimeout,
        accessToken);
  }

  /** Prints everything but the token. */
  @Override
  public String toString() {
    return "DownloadOptions{cacheDir="
        + cacheDir
        + ", baseUrl="
        + baseUrl
        + ", offline="
        + offline
        + ", maxAttempts="
        + maxAttempts
        + ", token="
        + (token == null ? "none" : "***")
        + "}";
  }
}
