package dev.llmkit.local.internal.download;

import dev.llmkit.LlmIoException;
import dev.llmkit.ModelLoadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns a {@link ModelSpec} into a readable local file: a path is checked, an {@code hf:} spec is
 * looked up in the cache and downloaded when missing (unless offline).
 *
 * <p>Downloads of the same file by several threads or processes are serialised with a {@link
 * DownloadLock} on {@code <file>.lock}; whoever comes second finds the finished file. A lock left
 * by a killed process never blocks; one held by a process that stopped making progress is given up
 * on after {@link #lockPatience}.
 */
public final class ModelResolver {
  static final String PROVIDER = "local";
  private static final System.Logger LOG = System.getLogger("dev.llmkit.local");

  private final DownloadOptions options;

  public ModelResolver(DownloadOptions options) {
    this.options = options;
  }

  /** The cache location of a remote spec. */
  public Path cachePath(ModelSpec spec) {
    Path dir = options.cacheDir().resolve(spec.owner()).resolve(spec.repo());
    Path target = dir.resolve(spec.file()).normalize();
    if (!target.startsWith(dir)) {
      throw new IllegalArgumentException("model '" + spec.spec() + "' escapes the cache directory");
    }
    return target;
  }

  /**
   * Returns the local file for {@code spec}, downloading it first if needed.
   *
   * @throws ModelLoadException if the file is missing and cannot be fetched, or fails verification
   * @throws LlmIoException if the download failed after all attempts (a later call resumes it)
   */
  @SuppressWarnings("try") // the lock is held by the try block, never referenced
  public Path resolve(ModelSpec spec) {
    if (!spec.isRemote()) {
      Path path = spec.localFile();
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new ModelLoadException(
            PROVIDER,
            "model file "
                + path.toAbsolutePath()
                + " does not exist or is not a readable file; set llmkit.local.model to a .gguf file"
                + " path or to hf:<owner>/<repo>/<file>.gguf");
      }
      return path;
    }
    Path target = cachePath(spec);
    if (cachedModel(target)) {
      return target;
    }
    if (options.offline()) {
      throw new ModelLoadException(
          PROVIDER,
          "model "
              + spec.spec()
              + " is not in the cache (missing file "
              + target.toAbsolutePath()
              + ") and llmkit.local.offline=true forbids downloading it."
              + " Run once with llmkit.local.offline=false to download it, copy the file there, or set"
              + " llmkit.local.model to the path of a local .gguf file.");
    }
    try {
      Files.createDirectories(target.getParent());
      try (DownloadLock ignored =
          DownloadLock.acquire(
              target,
              lockPatience(options),
              message -> LOG.log(System.Logger.Level.WARNING, message))) {
        if (cachedModel(target)) {
          return target;
        }
        return downloadWithRetries(spec, target);
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new LlmIoException(PROVIDER, "download of " + spec.spec() + " was interrupted", e);
    } catch (IOException e) {
      throw new ModelLoadException(
          PROVIDER,
          "cannot write to the model cache "
              + target.getParent()
              + ": "
              + e.getMessage()
              + "; set llmkit.local.cache-dir to a writable directory",
          e);
    }
  }

  /**
   * Whether {@code target} is a cached model. A file there that is no GGUF model (an HTML or JSON
   * error page cached by a version that did not check the magic) is removed with a WARNING, so it
   * is downloaded again instead of being reported as cached.
   */
  private static boolean cachedModel(Path target) {
    if (!Files.isRegularFile(target)) {
      return false;
    }
    try {
      String notGguf = Downloader.notGguf(target);
      if (notGguf == null) {
        return true;
      }
      Files.deleteIfExists(target);
      LOG.log(
          System.Logger.Level.WARNING,
          "removed "
              + target.toAbsolutePath()
              + " from the model"
              + " cache: "
              + notGguf
              + "; it is downloaded again");
      return false;
    } catch (IOException e) {
      throw new ModelLoadException(
          PROVIDER, "cannot read the cached model " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * How long to wait for another process's download without seeing its {@code .part} file grow: the
   * longest silence its own attempts allow (connect and read timeouts of every attempt and the
   * pauses between them), plus a minute for verifying and renaming the finished file.
   */
  static Duration lockPatience(DownloadOptions options) {
    Duration attempt = options.connectTimeout().plus(options.readTimeout());
    Duration pauses = options.retryDelay().multipliedBy((1L << Math.min(options.maxAttempts(), 6)));
    return attempt.multipliedBy(options.maxAttempts()).plus(pauses).plusMinutes(1);
  }

  private Path downloadWithRetries(ModelSpec spec, Path target) {
    Downloader downloader = new Downloader(options);
    IOException last = null;
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(options.retryDelay().toMillis() << Math.min(attempt - 2, 5));
      }
      try {
        downloader.download(spec, target);
        options.listener().onComplete(spec.fileName(), target);
        return target;
      } catch (IOException e) {
        last = e;
      }
    }
    java.net.URI url = Downloader.url(options, spec);
    Path part = target.resolveSibling(target.getFileName() + ".part");
    throw new LlmIoException(
        PROVIDER,
        "downloading "
            + spec.spec()
            + " from "
            + url
            + " failed after "
            + options.maxAttempts()
            + " attempts: "
            + describe(Objects.requireNonNull(last, "maxAttempts >= 1"), url)
            + (Files.isRegularFile(part)
                ? "; the partial file is kept at " + part + " and the" + " next attempt resumes it"
                : "")
            + ". Without network access, set llmkit.local.model to the path of a local .gguf file"
            + " (or llmkit.local.offline=true to use only cached models); behind a proxy, set the"
            + " JVM's https.proxyHost and https.proxyPort",
        last);
  }

  /**
   * The real cause of a failed attempt, never {@code null}: a host that cannot be resolved or
   * connected to is named, wherever in the cause chain the JDK put the reason.
   */
  static String describe(Throwable failure, java.net.URI url) {
    Throwable root = failure;
    java.net.ConnectException connect = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "cannot resolve host " + url.getHost() + " (no network or DNS)";
      }
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "cannot connect to " + url.getHost() + " (timed out: no network, or a firewall)";
      }
      if (connect == null && t instanceof java.net.ConnectException c) {
        connect = c;
      }
    }
    if (connect != null) {
      String why =
          connect.getMessage() != null ? connect.getMessage() : root.getClass().getSimpleName();
      return "cannot connect to " + url.getHost() + " (" + why + ")";
    }
    String message = failure.getMessage() != null ? failure.getMessage() : root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmIoException(PROVIDER, "model download was interrupted", e);
    }
  }
}
