package dev.llmkit.local.internal.service;

import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalEmbeddingOptions;
import dev.llmkit.local.LocalFineTuningOptions;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.download.DownloadOptions;
import dev.llmkit.local.internal.engine.ModelLoader;
import dev.llmkit.local.internal.model.KvCacheType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The settings collected by {@code LocalClient.Builder}, with their defaults and checks (messages
 * name the builder method). Mutable; {@link LocalServices#load} reads them once.
 */
public final class LocalSettings {
  @Nullable String model;
  @Nullable String embeddingModel;
  LocalEmbeddingOptions embeddingOptions = LocalEmbeddingOptions.defaults();
  @Nullable String moderationModel;
  @Nullable Path dataDir;
  long maxFileSize = LocalFileStore.DEFAULT_MAX_FILE_SIZE;
  Path cacheDir = DownloadOptions.defaultCacheDir();
  URI downloadBaseUrl = DownloadOptions.DEFAULT_BASE_URL;
  boolean offline;
  @Nullable DownloadListener downloadListener;
  int threads = Runtime.getRuntime().availableProcessors();
  int contextSize;
  long kvCacheMemoryLimit;
  KvCacheType kvCacheType = ModelLoader.DEFAULT_KV_CACHE_TYPE;
  int maxConcurrentRequests = 1;
  LocalFineTuningOptions fineTuning = LocalFineTuningOptions.defaults();
  int maxBatchSize = ModelLoader.DEFAULT_MAX_BATCH_SIZE;
  SamplingDefaults sampling = SamplingDefaults.llamaCpp();
  @Nullable String chatTemplate;
  boolean specialTokensInContent;
  Duration maxGenerationTime = Duration.ZERO;

  public void model(String model) {
    this.model = Args.notBlank(model, "model");
  }

  public void model(Path model) {
    this.model = Args.notNull(model, "model").toString();
  }

  public void embeddingModel(String embeddingModel) {
    this.embeddingModel = Args.notBlank(embeddingModel, "embeddingModel");
  }

  public void embeddingModel(Path embeddingModel) {
    this.embeddingModel = Args.notNull(embeddingModel, "embeddingModel").toString();
  }

  public void embeddingOptions(LocalEmbeddingOptions options) {
    this.embeddingOptions = Args.notNull(options, "embeddingOptions");
  }

  public void moderationModel(String moderationModel) {
    this.moderationModel = Args.notBlank(moderationModel, "moderationModel");
  }

  public void moderationModel(Path moderationModel) {
    this.moderationModel = Args.notNull(moderationModel, "moderationModel").toString();
  }

  public void dataDir(Path dataDir) {
    this.dataDir = Args.notNull(dataDir, "dataDir");
  }

  public void maxFileSize(long bytes) {
    Args.check(bytes >= 1, "maxFileSize is " + bytes + "; it must be at least 1 byte");
    this.maxFileSize = bytes;
  }

  public void cacheDir(Path cacheDir) {
    this.cacheDir = Args.notNull(cacheDir, "cacheDir");
  }

  public void downloadBaseUrl(URI url) {
    Args.notNull(url, "downloadBaseUrl");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    Args.check(
        (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "downloadBaseUrl is '"
            + url
            + "'; expected an http or https URL such as "
            + DownloadOptions.DEFAULT_BASE_URL);
    this.downloadBaseUrl = url;
  }

  public void offline(boolean offline) {
    this.offline = offline;
  }

  public void downloadListener(DownloadListener listener) {
    this.downloadListener = Args.notNull(listener, "downloadListener");
  }

  public void threads(int threads) {
    Args.check(
        threads >= 1 && threads <= 1024, "threads is " + threads + "; allowed range is 1 to 1024");
    this.threads = threads;
  }

  public void contextSize(int contextSize) {
    Args.check(contextSize >= 2, "contextSize is " + contextSize + "; it must be at least 2");
    this.contextSize = contextSize;
  }

  public void kvCacheMemoryLimit(long bytes) {
    Args.check(bytes > 0, "kvCacheMemoryLimit is " + bytes + "; it must be positive");
    this.kvCacheMemoryLimit = bytes;
  }

  public void kvCacheType(String type) {
    Args.notNull(type, "kvCacheType");
    try {
      this.kvCacheType = KvCacheType.parse(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kvCacheType is '" + type + "'; allowed values are " + KvCacheType.ALLOWED, e);
    }
  }

  public void fineTuning(LocalFineTuningOptions options) {
    this.fineTuning = Args.notNull(options, "fineTuningOptions");
  }

  public void maxConcurrentRequests(int max) {
    Args.check(
        max >= 1 && max <= 256, "maxConcurrentRequests is " + max + "; allowed range is 1 to 256");
    this.maxConcurrentRequests = max;
  }

  public void maxBatchSize(int max) {
    Args.check(
        max >= 1 && max <= 256,
        "maxBatchSize is " + max + "; allowed range is 1 to 256 (1 turns batching off)");
    this.maxBatchSize = max;
  }

  /** A chat family name or the path of a Jinja file; see {@code TemplateSelection}. */
  public void chatTemplate(String chatTemplate) {
    this.chatTemplate = Args.notBlank(chatTemplate, "chatTemplate");
  }

  /** The sampling defaults so far, to derive a changed copy from. */
  public void specialTokensInContent(boolean allow) {
    this.specialTokensInContent = allow;
  }

  public void maxGenerationTime(Duration max) {
    Args.notNull(max, "maxGenerationTime");
    Args.check(
        !max.isNegative(),
        "maxGenerationTime is " + max + "; it must be positive (or zero for no limit)");
    this.maxGenerationTime = max;
  }

  public SamplingDefaults sampling() {
    return sampling;
  }

  public void sampling(SamplingDefaults sampling) {
    this.sampling = Args.notNull(sampling, "sampling");
  }
}
