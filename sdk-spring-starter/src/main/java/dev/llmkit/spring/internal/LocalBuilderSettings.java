package dev.llmkit.spring.internal;

import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.LocalFineTuningOptions;
import dev.llmkit.spring.LocalModelProperties;
import java.util.Objects;

/** Applies {@link LocalModelProperties} to a {@link LocalClient.Builder}. */
public final class LocalBuilderSettings {
  private LocalBuilderSettings() {}

  /** Copies every property into {@code builder}; {@code model} must be set. */
  public static LocalClient.Builder apply(LocalModelProperties p, LocalClient.Builder builder) {
    builder.model(Objects.requireNonNull(p.model(), "llmkit.local.model is not set"));
    if (p.cacheDir() != null) {
      builder.cacheDir(p.cacheDir());
    }
    builder.offline(p.offline());
    if (p.downloadBaseUrl() != null) {
      builder.downloadBaseUrl(p.downloadBaseUrl());
    }
    if (!p.progress()) {
      builder.downloadListener(DownloadListener.none());
    }
    if (p.threads() != null) {
      builder.threads(p.threads());
    }
    if (p.contextSize() != null) {
      builder.contextSize(p.contextSize());
    }
    builder.maxConcurrentRequests(p.maxConcurrentRequests());
    if (p.kvCacheMemoryLimit() != null) {
      builder.kvCacheMemoryLimit(p.kvCacheMemoryLimit().toBytes());
    }
    if (p.dataDir() != null) {
      builder.dataDir(p.dataDir());
    }
    if (p.maxFileSize() != null) {
      builder.maxFileSize(p.maxFileSize().toBytes());
    }
    if (p.embeddingModel() != null) {
      builder.embeddingModel(p.embeddingModel());
    }
    if (p.moderationModel() != null) {
      builder.moderationModel(p.moderationModel());
    }
    if (p.chatTemplate() != null) {
      builder.chatTemplate(p.chatTemplate());
    }
    LocalModelProperties.FineTuning ft = p.fineTuning();
    LocalFineTuningOptions.Builder o = LocalFineTuningOptions.builder()
        .maxConcurrentJobs(ft.maxConcurrentJobs());
    if (ft.threads() != null) {
      o.threads(ft.threads());
    }
    if (ft.memoryLimit() != null) {
      o.memoryLimit(ft.memoryLimit().toBytes());
    }
    builder.fineTuningOptions(o.build());
    return builder;
  }
}
