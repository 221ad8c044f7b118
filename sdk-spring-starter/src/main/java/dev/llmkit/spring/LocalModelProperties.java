package dev.llmkit.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured {@code LocalClient} (provider {@code local}): a GGUF model run
 * inside this JVM.
 *
 * @param model A .gguf file path, or hf:owner/repo/file.gguf (optionally #sha256=hex) downloaded
 *     once into cache-dir. Required for chat, completions and fine-tuning; unset leaves the local
 *     provider off unless llmkit.provider=local.
 * @param cacheDir Where downloaded models are kept; default ~/.cache/llmkit/models.
 * @param offline Never download; a model missing from the cache fails start-up.
 * @param downloadBaseUrl Hugging Face root used for hf: models; default https://huggingface.co.
 * @param progress Whether a download progress bar is drawn when the JVM has a console.
 * @param threads Threads of the forward pass; default all available processors.
 * @param contextSize KV cache positions per request (prompt plus output); default the model's
 *     context length, at most 4096.
 * @param maxConcurrentRequests Requests generated at the same time, each with its own KV cache;
 *     further requests wait in line.
 * @param maxBatchSize Most concurrent requests whose next tokens are computed in one pass (1 turns
 *     batching off); never more than max-concurrent-requests. From 1 to 256; default 8.
 * @param kvCacheMemoryLimit Upper bound for all KV caches together; the context size is reduced to
 *     fit. Default: no bound beyond the context size.
 * @param kvCacheType How KV caches store keys and values: f16 (half precision, half the memory) or
 *     f32 (float, exact; for comparisons with reference outputs). Default f16.
 * @param dataDir Where the local file store keeps uploaded files; default $XDG_DATA_HOME/llmkit,
 *     else ~/.local/share/llmkit.
 * @param maxFileSize Largest file the local file store accepts; default 512MB.
 * @param embeddingModel A .gguf file path or hf:owner/repo/file.gguf of an embedding model (bert,
 *     nomic-bert, llama, qwen2, qwen3); enables embeddings.
 * @param moderationModel A .gguf file path or hf:owner/repo/file.gguf of a Llama Guard 3 style
 *     guard model; enables moderation.
 * @param chatTemplate How chat prompts are rendered: a family name (chatml, llama3, llama2,
 *     mistral, phi3, gemma, plain) or the path of a Jinja file; default the model's own
 *     tokenizer.chat_template.
 * @param temperature Sampling temperature for requests that set none; 0 means greedy. From 0 to 2;
 *     default 0.8.
 * @param topK Top-k cut-off for requests that set none (extra body top_k); 0 disables it. Default
 *     40.
 * @param topP Top-p (nucleus) cut-off for requests that set none; 1 disables it. Above 0, at most
 *     1; default 0.95.
 * @param minP Min-p cut-off for requests that set none (extra body min_p); 0 disables it. At least
 *     0, below 1; default 0.05.
 * @param repeatPenalty llama.cpp repetition penalty over the last 64 tokens for requests that set
 *     none (extra body repeat_penalty); 1 disables it. Above 0; default 1.0.
 * @param seed Sampling seed for requests that set none; default a random seed per request.
 * @param embeddingMaxTokens Most tokens per embedded text, special tokens included; 0 means the
 *     embedding model's own context_length (512 for BERT models), otherwise at least 2.
 * @param embeddingTruncate Whether a text longer than embedding-max-tokens keeps its first tokens
 *     (as sentence-transformers does); false rejects it with a 400 on input.
 * @param embeddingParseSpecial Whether BERT special tokens written in a text ([CLS], [SEP], [MASK],
 *     [UNK], [PAD]) become those tokens; false reads them as ordinary text.
 * @param specialTokensInContent Whether special-token text in message content (such as {@code
 *     <|im_start|>}) becomes control tokens; only for trusted authors. Default false.
 * @param maxGenerationTime Longest a request runs once started (prompt included, waiting for a slot
 *     not); then each choice ends at its next token with finish reason length. Default none.
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
    @DefaultValue("8") int maxBatchSize,
    @Nullable DataSize kvCacheMemoryLimit,
    @Nullable String kvCacheType,
    @Nullable Path dataDir,
    @Nullable DataSize maxFileSize,
    @Nullable String embeddingModel,
    @Nullable String moderationModel,
    @Nullable String chatTemplate,
    @Nullable Double temperature,
    @Nullable Integer topK,
    @Nullable Double topP,
    @Nullable Double minP,
    @Nullable Double repeatPenalty,
    @Nullable Long seed,
    @DefaultValue("0") int embeddingMaxTokens,
    @DefaultValue("true") boolean embeddingTruncate,
    @DefaultValue("true") boolean embeddingParseSpecial,
    @DefaultValue("false") boolean specialTokensInContent,
    @Nullable Duration maxGenerationTime,
    @DefaultValue FineTuning fineTuning) {

  /** The prefix of the local provider's properties. */
  public static final String PREFIX = "llmkit.local";

  /**
   * How the local provider runs fine-tuning jobs.
   *
   * @param maxConcurrentJobs Jobs trained at the same time; more wait queued.
   * @param threads Threads a job trains with unless its request names its own; default the client's
   *     threads.
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
    PropertyChecks.range(PREFIX + ".max-batch-size", maxBatchSize, 1, 256);
    if (kvCacheMemoryLimit != null && kvCacheMemoryLimit.toBytes() <= 0) {
      PropertyChecks.positive(PREFIX + ".kv-cache-memory-limit", kvCacheMemoryLimit.toString());
    }
    if (kvCacheType != null) {
      String t = kvCacheType.trim().toLowerCase(java.util.Locale.ROOT);
      PropertyChecks.check(
          t.equals("f16") || t.equals("f32"), PREFIX + ".kv-cache-type", kvCacheType, "f16 or f32");
    }
    if (maxFileSize != null && maxFileSize.toBytes() <= 0) {
      PropertyChecks.positive(PREFIX + ".max-file-size", maxFileSize.toString());
    }
    checkSampling(temperature, topK, topP, minP, repeatPenalty);
    if (embeddingMaxTokens != 0) {
      PropertyChecks.range(
          PREFIX + ".embedding-max-tokens", embeddingMaxTokens, 2, Integer.MAX_VALUE);
    }
  }

  private static void checkSampling(
      @Nullable Double temperature,
      @Nullable Integer topK,
      @Nullable Double topP,
      @Nullable Double minP,
      @Nullable Double repeatPenalty) {
    if (temperature != null) {
      PropertyChecks.check(
          temperature >= 0 && temperature <= 2,
          PREFIX + ".temperature",
          temperature,
          "from 0 to 2");
    }
    if (topK != null) {
      PropertyChecks.range(PREFIX + ".top-k", topK, 0, Integer.MAX_VALUE);
    }
    if (topP != null) {
      PropertyChecks.check(topP > 0 && topP <= 1, PREFIX + ".top-p", topP, "above 0 and at most 1");
    }
    if (minP != null) {
      PropertyChecks.check(minP >= 0 && minP < 1, PREFIX + ".min-p", minP, "from 0 and below 1");
    }
    if (repeatPenalty != null) {
      PropertyChecks.check(repeatPenalty > 0, PREFIX + ".repeat-penalty", repeatPenalty, "above 0");
    }
  }
}
