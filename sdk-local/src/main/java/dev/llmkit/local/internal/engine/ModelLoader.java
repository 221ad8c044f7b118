package dev.llmkit.local.internal.engine;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.model.KvCacheType;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.template.ChatTemplate;
import dev.llmkit.local.internal.template.TemplateSelection;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Loads a GGUF file into a {@link Generator}: maps the weights, reads tokenizer and chat template
 * from the metadata, and sizes the KV cache.
 *
 * <p>The context size per request is the configured one, else the model's trained context length
 * capped at {@value #DEFAULT_MAX_CONTEXT} (llama.cpp's default), and further reduced so that {@code
 * maxConcurrentRequests} KV caches fit the configured memory limit, if any. Up to {@code
 * maxConcurrentRequests} KV caches of finished requests are kept for prompt reuse ({@link
 * PromptCachingRunner}).
 */
public final class ModelLoader {
  public static final int DEFAULT_MAX_CONTEXT = 4096;

  /** Default most concurrent sequences per batched generation step. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 8;

  /** Default storage of KV caches ({@code llmkit.local.kv-cache-type}); see BENCHMARKS.md. */
  public static final KvCacheType DEFAULT_KV_CACHE_TYPE = KvCacheType.F16;

  private ModelLoader() {}

  /**
   * @param contextSize positions per request; 0 for the default
   * @param kvCacheMemoryLimit bytes for all KV caches together; 0 for no limit
   */
  public static Generator load(
      Path path, int threads, int contextSize, long kvCacheMemoryLimit, int maxConcurrentRequests) {
    return load(path, threads, contextSize, kvCacheMemoryLimit, maxConcurrentRequests, null);
  }

  /**
   * {@link #load(Path, int, int, long, int)} with a chat template override: a family name or a
   * Jinja file path ({@code llmkit.local.chat-template}), or null for the model's own template.
   */
  public static Generator load(
      Path path,
      int threads,
      int contextSize,
      long kvCacheMemoryLimit,
      int maxConcurrentRequests,
      @Nullable String chatTemplate) {
    return load(
        path,
        threads,
        contextSize,
        kvCacheMemoryLimit,
        maxConcurrentRequests,
        DEFAULT_MAX_BATCH_SIZE,
        chatTemplate);
  }

  /**
   * {@link #load(Path, int, int, long, int, String)} with the most concurrent sequences whose
   * generation steps run as one batch ({@code llmkit.local.max-batch-size}; 1 turns it off).
   * Batches never exceed {@code maxConcurrentRequests}.
   */
  public static Generator load(
      Path path,
      int threads,
      int contextSize,
      long kvCacheMemoryLimit,
      int maxConcurrentRequests,
      int maxBatchSize,
      @Nullable String chatTemplate) {
    return load(
        path,
        threads,
        contextSize,
        kvCacheMemoryLimit,
        DEFAULT_KV_CACHE_TYPE,
        maxConcurrentRequests,
        maxBatchSize,
        chatTemplate);
  }

  /**
   * {@link #load(Path, int, int, long, int, int, String)} with KV caches stored as {@code
   * kvCacheType} ({@code llmkit.local.kv-cache-type}).
   */
  public static Generator load(
      Path path,
      int threads,
      int contextSize,
      long kvCacheMemoryLimit,
      KvCacheType kvCacheType,
      int maxConcurrentRequests,
      int maxBatchSize,
      @Nullable String chatTemplate) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize is " + maxBatchSize + "; it must be >= 1");
    }
    Kernels.selectAhead(); // beside the parsing below; Llama.load waits for it
    GgufFile file = GgufFile.open(path);
    ComputePool pool = null;
    try {
      LlamaConfig config = LlamaConfig.from(file);
      int ctx =
          contextSize(
              config, contextSize, kvCacheMemoryLimit, kvCacheType, maxConcurrentRequests, path);
      pool = new ComputePool(threads);
      // the tokenizer and template first: Llama.load waits for the kernel selection, which this
      // work overlaps on a first load
      Tokenizer tokenizer = Tokenizer.fromMetadata(file.metadata());
      if (tokenizer.vocabulary().size() != config.vocabularySize()) {
        throw new ModelLoadException(
            Generator.PROVIDER,
            path
                + ": the tokenizer has "
                + tokenizer.vocabulary().size()
                + " tokens (tokenizer.ggml.tokens) but token_embd.weight"
                + " has "
                + config.vocabularySize()
                + " rows; they must be equal");
      }
      ChatTemplate template =
          TemplateSelection.forModel(
              ModelInfo.idOf(path), file.metadata(), tokenizer.vocabulary(), chatTemplate);
      Llama llama = Llama.load(file, ctx, pool, kvCacheType);
      ModelInfo info =
          new ModelInfo(
              ModelInfo.idOf(path),
              path,
              config.architecture(),
              quantization(file),
              config.modelContextLength(),
              ctx,
              modified(path));
      int batch = Math.min(maxBatchSize, maxConcurrentRequests);
      ModelRunner runner =
          new PromptCachingRunner(new LlamaRunner(file, pool, llama, batch), maxConcurrentRequests);
      Generator generator = new Generator(runner, tokenizer, template, info, maxConcurrentRequests);
      Kernels.startWarmUp(); // the load is done: the JIT's warm-up no longer competes with it
      pool.modelLoaded(); // later models' warm-ups do not hold this one back
      return generator;
    } catch (RuntimeException | Error e) {
      if (pool != null) {
        pool.close();
      }
      file.close();
      if (e instanceof ModelLoadException
          && !String.valueOf(e.getMessage())
              .contains(path.toString())) { // e.g. tokenizer metadata errors: say which file
        throw new ModelLoadException(Generator.PROVIDER, path + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private static int contextSize(
      LlamaConfig config,
      int requested,
      long memoryLimit,
      KvCacheType type,
      int concurrent,
      Path path) {
    int ctx =
        requested > 0 ? requested : Math.min(config.modelContextLength(), DEFAULT_MAX_CONTEXT);
    if (memoryLimit > 0) {
      long perPosition = config.kvCacheBytes(1, type) * concurrent;
      long fits = memoryLimit / perPosition;
      if (fits < 2) {
        throw new ModelLoadException(
            Generator.PROVIDER,
            path
                + ": a KV cache memory limit of "
                + memoryLimit
                + " bytes does not hold even 2 positions for "
                + concurrent
                + " concurrent requests ("
                + perPosition
                + " bytes per position); raise the limit");
      }
      ctx = (int) Math.min(ctx, fits);
    }
    return ctx;
  }

  /**
   * The most common type among 2-D weight tensors, e.g. "Q8_0" (on a tie, a quantized type before
   * F32, then the first type in {@link GgmlType}'s order); "F32" for an all-F32 file. A plain loop:
   * this runs on every load, where the first stream pipeline of a process costs milliseconds of
   * class loading.
   */
  static String quantization(GgufFile file) {
    int[] counts = new int[GgmlType.values().length];
    for (TensorInfo t : file.tensors()) {
      if (t.shape().length >= 2) {
        counts[t.type().ordinal()]++;
      }
    }
    GgmlType best = null;
    for (GgmlType type : GgmlType.values()) {
      int n = counts[type.ordinal()];
      if (n == 0) {
        continue;
      }
      if (best == null
          || n > counts[best.ordinal()]
          || (n == counts[best.ordinal()] && best == GgmlType.F32)) {
        best = type;
      }
    }
    return best == null ? "unknown" : best.name();
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis() / 1000;
    } catch (IOException e) {
      return 0;
    }
  }
}
