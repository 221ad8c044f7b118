package dev.llmkit.spring;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured {@code LocalClient} (provider {@code local}): a GGUF model run
 * inside this JVM.
 *
 * @param model A .gguf file path, or hf:owner/repo/file.gguf (optionally #sha256=hex) downloaded
 *     once into cache-dir.
 * @param cacheDir Where downloaded models are kept; default ~/.cache/llmkit/models.
 * @param offline Never download; a model missing from the cache fails start-up.
 * @param downloadBaseUrl Hugging Face root used for hf: models; default https://huggingface.co.
 * @param progress Whether a download progress bar is drawn when the JVM has a console.
 * @param threads Threads of the forward pass; default all available processors.
 * @param contextSize KV cache positions per request (prompt plus output); default the model's
 *     context length, at most 4096.
 * @param maxConcurrentRequests Requests generated at the same time, each with its own KV cache;
 *     further requests wait in line.
 * @param kvCacheMemoryLimit Upper bound for all KV caches together; the context size is reduced
 *     to fit. Default: no bound beyond the context size.
 * @param dataDir Where the local file store keeps uploaded files; default
 *     $XDG_DATA_HOME/llmkit, else ~/.local/share/llmkit.
 * @param maxFileSize Largest file the local file store accepts; default 512MB.
 * @param embeddingModel A .gguf file path or hf:owner/repo/file.gguf of an embedding model (bert,
 *     nomic-bert, llama, qwen2, qwen3); enables embeddings.
 * @param moderationModel A .gguf file path or hf:owner/repo/file.gguf of a Llama Guard 3 style
 *     guard model; enables moderation.
 * @param chatTemplate How chat prompts are rendered: a family name (chatml, llama3, llama2,
 *     mistral, phi3, gemma, plain) or the path of a Jinja file; default the model's own
 *     tokenizer.chat_template.
 * @param fineTuning How fine-tuning jobs run (llmkit.local.fine-tuning.*).
 */
@ConfigurationProperties(LocalModelProperties.PREFIX)
public record LocalModelProperties(
    @Nullable String model,
    @Nullable Path cacheDir,
    @DefaultValue("false") boolean offline,
    @Nullable URI downloadBaseUrl,
    @DefaultValue("true") boolean progress,
    @Nullable Integer threads,
    @Nullable Integer contextSize,
    @DefaultValue("1") int maxConcurrentRequests,
    @Nullable DataSize kvCacheMemoryLimit,
    @Nullable Path dataDir,
    @Nullable DataSize maxFileSize,
    @Nullable String embeddingModel,
    @Nullable String moderationModel,
    @Nullable String chatTemplate,
    @DefaultValue FineTuning fineTuning) {

  /** The prefix of the local provider's properties. */
  public static final String PREFIX = "llmkit.local";

  /**
   * How the local provider runs fine-tuning jobs.
   *
   * @param maxConcurrentJobs Jobs trained at the same time; more wait queued.
   * @param threads Threads a job trains with unless its request names its own; default the
   *     client's threads.
   * @param memoryLimit Most heap one job may plan to use; a job planned to need more is refused.
   *     Default half the maximum heap.
   */
  public record FineTuning(
      @DefaultValue("1") int maxConcurrentJobs,
      @Nullable Integer threads,
      @Nullable DataSize memoryLimit) {

    /** Rejects values the client would reject, naming the property. */
    public FineTuning {
      PropertyChecks.range(PREFIX + ".fine-tuning.max-concurrent-jobs", maxConcurrentJobs, 1, 64);
      if (threads != null) {
        PropertyChecks.range(PREFIX + ".fine-tuning.threads", threads, 1, 1024);
      }
      if (memoryLimit != null && memoryLimit.toBytes() <= 0) {
        PropertyChecks.positive(PREFIX + ".fine-tuning.memory-limit", memoryLimit.toString());
      }
    }
  }

  /** Rejects values the client would reject, naming the property. */
  public LocalModelProperties {
    if (threads != null) {
      PropertyChecks.range(PREFIX + ".threads", threads, 1, 1024);
    }
    if (contextSize != null) {
      PropertyChecks.range(PREFIX + ".context-size", contextSize, 2, Integer.MAX_VALUE);
    }
    PropertyChecks.range(PREFIX + ".max-concurrent-requests", maxConcurrentRequests, 1, 256);
    if (kvCacheMemoryLimit != null && kvCacheMemoryLimit.toBytes() <= 0) {
      PropertyChecks.positive(PREFIX + ".kv-cache-memory-limit", kvCacheMemoryLimit.toString());
    }
    if (maxFileSize != null && maxFileSize.toBytes() <= 0) {
      PropertyChecks.positive(PREFIX + ".max-file-size", maxFileSize.toString());
    }
  }
}
