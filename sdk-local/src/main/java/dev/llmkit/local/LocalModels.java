package dev.llmkit.local;

import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.download.ConsoleProgressBar;
import dev.llmkit.local.internal.download.DownloadOptions;
import dev.llmkit.local.internal.download.ModelResolver;
import dev.llmkit.local.internal.download.ModelSpec;
import java.net.URI;
import java.nio.file.Path;

/**
 * The model cache without loading a model: where {@code hf:} models are kept and how to fetch one
 * ahead of time (for example in a build step or a {@code models pull} command).
 *
 * <p>Layout: {@code <cacheDir>/<owner>/<repo>/<path in repo>}. Downloads resume, are verified and
 * appear atomically, as described on {@link LocalClient}.
 *
 * <pre>{@code
 * Path file = LocalModels.pull(
 *     "hf:bartowski/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct-Q8_0.gguf");
 * }</pre>
 */
public final class LocalModels {
  /** Hugging Face, where {@code hf:} models come from unless configured otherwise. */
  public static final URI DEFAULT_BASE_URL = DownloadOptions.DEFAULT_BASE_URL;

  private LocalModels() {}

  /** {@code ~/.cache/llmkit/models}, the default of {@code llmkit.local.cache-dir}. */
  public static Path defaultCacheDir() {
    return DownloadOptions.defaultCacheDir();
  }

  /**
   * Where {@code spec} lives: for {@code hf:} specs its place in {@code cacheDir} (whether or not
   * it is there yet), for a file path the path itself.
   *
   * @throws IllegalArgumentException if the spec is malformed
   */
  public static Path cachePath(String spec, Path cacheDir) {
    ModelSpec parsed = ModelSpec.parse(Args.notNull(spec, "spec"));
    if (!parsed.isRemote()) {
      return parsed.localFile();
    }
    return new ModelResolver(
            DownloadOptions.defaults(DownloadListener.none())
                .withCacheDir(Args.notNull(cacheDir, "cacheDir")))
        .cachePath(parsed);
  }

  /**
   * {@link #pull(String, Path, URI, DownloadListener)} into the default cache from Hugging Face.
   */
  public static Path pull(String spec) {
    return pull(spec, defaultCacheDir(), DEFAULT_BASE_URL, ConsoleProgressBar.forConsole());
  }

  /**
   * Downloads {@code spec} into the cache unless it is there already, and returns the file. A file
   * path spec is only checked.
   *
   * @throws IllegalArgumentException if the spec is malformed
   * @throws dev.llmkit.ModelLoadException if the file is missing remotely or fails verification
   * @throws dev.llmkit.LlmIoException if the download failed repeatedly (a later pull resumes it)
   */
  public static Path pull(String spec, Path cacheDir, URI baseUrl, DownloadListener listener) {
    ModelSpec parsed = ModelSpec.parse(Args.notNull(spec, "spec"));
    DownloadOptions options =
        DownloadOptions.defaults(Args.notNull(listener, "listener"))
            .withCacheDir(Args.notNull(cacheDir, "cacheDir"))
            .withBaseUrl(Args.notNull(baseUrl, "baseUrl"));
    return new ModelResolver(options).resolve(parsed);
  }
}
