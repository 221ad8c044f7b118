package dev.llmkit.spring.internal;

import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.LocalEmbeddingOptions;
import dev.llmkit.local.LocalFineTuningOptions;
import dev.llmkit.spring.LocalModelProperties;

/** Applies {@link LocalModelProperties} to a {@link LocalClient.Builder}. */
public final class LocalBuilderSettings {
  private LocalBuilderSettings() {}

  /** Copies every property into {@code builder}; at least one model property is set. */
  public static LocalClient.Builder apply(LocalModelProperties p, LocalClient.Builder builder) {
    if (p.model() != null) {
      builder.model(p.model());
    }
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
    builder.maxBatchSize(p.maxBatchSize());
    builder.specialTokensInContent(p.specialTokensInContent());
    if (p.maxGenerationTime() != null) {
      builder.maxGenerationTime(p.maxGenerationTime());
    }
    if (p.kvCacheMemoryLimit() != null) {
      builder.kvCacheMemoryLimit(p.kvCacheMemoryLimit().toBytes());
    }
    if (p.kvCacheType() != null) {
      builder.kvCacheType(p.kvCacheType());
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
    LocalFineTuningOptions.Builder o =
        LocalFineTuningOptions.builder().maxConcurrentJobs(ft.maxConcurrentJobs());
    if (ft.threads() != null) {
      o.threads(ft.threads());
    }
    if (ft.memoryLimit() != null) {
      o.memoryLimit(ft.memoryLimit().toBytes());
    }
    builder.fineTuningOptions(o.build());
    applySampling(p, builder);
    builder.embeddingOptions(
        LocalEmbeddingOptions.builder()
            .maxTokens(p.embeddingMaxTokens())
            .truncate(p.embeddingTruncate())
            .parseSpecialTokens(p.embeddingParseSpecial())
            .build());
    return builder;
  }

  /** The sampling defaults that are set; the others keep the engine's (llama.cpp's) values. */
  private static void applySampling(LocalModelProperties p, LocalClient.Builder builder) {
    if (p.temperature() != null) {
      builder.temperature(p.temperature());
    }
    if (p.topK() != null) {
      builder.topK(p.topK());
    }
    if (p.topP() != null) {
      builder.topP(p.topP());
    }
    if (p.minP() != null) {
      builder.minP(p.minP());
    }
    if (p.repeatPenalty() != null) {
      builder.repeatPenalty(p.repeatPenalty());
    }
    if (p.seed() != null) {
      builder.seed(p.seed());
    }
  }
}
