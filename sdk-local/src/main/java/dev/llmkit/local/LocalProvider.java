package dev.llmkit.local;

import dev.llmkit.LlmClient;
import dev.llmkit.spi.LlmProvider;
import dev.llmkit.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code local} provider: in-process inference on a GGUF model. Selected with {@code
 * llmkit.provider=local}; configured by these {@code llmkit.local.*} keys:
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code model}</td><td>a .gguf path or {@code hf:<owner>/<repo>/<file>.gguf}</td>
 *       <td>none: no chat, completions, models or fine-tuning (a client for embeddings,
 *       moderation or files only)</td></tr>
 *   <tr><td>{@code cache-dir}</td><td>where downloaded models are kept</td>
 *       <td>{@code ~/.cache/llmkit/models}</td></tr>
 *   <tr><td>{@code offline}</td><td>never download; a missing model is an error</td>
 *       <td>{@code false}</td></tr>
 *   <tr><td>{@code download-base-url}</td><td>Hugging Face root for {@code hf:} models</td>
 *       <td>{@code https://huggingface.co}</td></tr>
 *   <tr><td>{@code threads}</td><td>threads of the forward pass</td><td>all cores</td></tr>
 *   <tr><td>{@code context-size}</td><td>KV cache positions per request</td>
 *       <td>the model's, at most 4096</td></tr>
 *   <tr><td>{@code max-concurrent-requests}</td><td>requests generated at once; others
 *       queue</td><td>1</td></tr>
 *   <tr><td>{@code max-batch-size}</td><td>most concurrent requests whose next tokens are
 *       computed in one pass over the weights; 1 turns batching off</td><td>8</td></tr>
 *   <tr><td>{@code kv-cache-memory-limit}</td><td>bytes for all KV caches together (KB, MB, GB
 *       suffixes); lowers the context size to fit</td><td>none</td></tr>
 *   <tr><td>{@code kv-cache-type}</td><td>how KV caches store keys and values: {@code f16}
 *       (half the memory) or {@code f32} (exact)</td><td>{@code f16}</td></tr>
 *   <tr><td>{@code temperature}, {@code top-k}, {@code top-p}, {@code min-p}, {@code
 *       repeat-penalty}, {@code seed}</td><td>sampling defaults for requests that leave them
 *       out</td><td>0.8, 40, 0.95, 0.05, 1.0, random</td></tr>
 *   <tr><td>{@code progress}</td><td>draw a download progress bar on a console</td>
 *       <td>{@code true}</td></tr>
 *   <tr><td>{@code embedding-model}</td><td>a GGUF embedding model (bert, nomic-bert, llama, qwen2,
 *       qwen3): path or {@code hf:} spec</td><td>none: embeddings unavailable</td></tr>
 *   <tr><td>{@code embedding-max-tokens}</td><td>most tokens per text input</td><td>0: the
 *       model's {@code context_length}</td></tr>
 *   <tr><td>{@code embedding-truncate}</td><td>cut longer texts ({@code false}: reject them with a
 *       400)</td><td>{@code true}</td></tr>
 *   <tr><td>{@code embedding-parse-special}</td><td>literal {@code [CLS]}, {@code [MASK]} … in
 *       texts are BERT special tokens</td><td>{@code true}</td></tr>
 *   <tr><td>{@code moderation-model}</td><td>a Llama Guard 3 style GGUF: path or {@code hf:}
 *       spec</td><td>none: moderation unavailable</td></tr>
 *   <tr><td>{@code data-dir}</td><td>where stored files are kept (in its {@code files}
 *       folder)</td><td>{@code $XDG_DATA_HOME/llmkit}, else {@code ~/.local/share/llmkit}</td></tr>
 *   <tr><td>{@code chat-template}</td><td>prompt format: a family name ({@code chatml},
 *       {@code llama3}, {@code llama2}, {@code mistral}, {@code phi3}, {@code gemma}, {@code
 *       plain}) or a Jinja file path</td><td>the model's {@code tokenizer.chat_template}</td></tr>
 *   <tr><td>{@code special-tokens-in-content}</td><td>special-token text in chat message content
 *       (e.g. {@code <|im_start|>}) becomes control tokens; only for trusted
 *       authors</td><td>{@code false}: content is plain text</td></tr>
 *   <tr><td>{@code max-generation-time}</td><td>longest a request runs once started (prompt
 *       included, waiting for a slot not); then each choice ends at its next token with finish
 *       reason {@code length}: ISO-8601 or {@code 30s}, {@code 5m}</td><td>none</td></tr>
 *   <tr><td>{@code max-file-size}</td><td>largest stored file: bytes, or with a {@code KB},
 *       {@code MB} or {@code GB} suffix (powers of 1024)</td><td>{@code 512MB}</td></tr>
 *   <tr><td>{@code fine-tuning-concurrency}</td><td>fine-tuning jobs trained at the same
 *       time; more wait queued</td><td>1</td></tr>
 *   <tr><td>{@code fine-tuning-threads}</td><td>threads a fine-tuning job trains with (a
 *       job's {@code threads} extra-body value overrides it)</td><td>{@code threads}</td></tr>
 *   <tr><td>{@code fine-tuning-memory-limit}</td><td>most heap one fine-tuning job may plan to
 *       use: bytes, or with a {@code KB}, {@code MB} or {@code GB} suffix</td><td>half the
 *       maximum heap</td></tr>
 * </table>
 */
public final class LocalProvider implements LlmProvider {
  /** The provider id, {@code "local"}. */
  public static final String ID = "local";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public LlmClient create(ProviderConfig config) {
    LocalClient.Builder b = LocalClient.builder();
    config.string("model").ifPresent(b::model);
    config.path("cache-dir").ifPresent(b::cacheDir);
    config.bool("offline").ifPresent(b::offline);
    config.string("download-base-url").ifPresent(url -> b.downloadBaseUrl(uri(url)));
    set("threads", config.integer("threads"), b::threads);
    set("context-size", config.integer("context-size"), b::contextSize);
    set(
        "max-concurrent-requests",
        config.integer("max-concurrent-requests"),
        b::maxConcurrentRequests);
    set("max-batch-size", config.integer("max-batch-size"), b::maxBatchSize);
    config
        .bool("progress")
        .ifPresent(
            on -> {
              if (!on) {
                b.downloadListener(DownloadListener.none());
              }
            });
    config.string("embedding-model").ifPresent(b::embeddingModel);
    embeddingOptions(config).ifPresent(b::embeddingOptions);
    config.string("moderation-model").ifPresent(b::moderationModel);
    config.path("data-dir").ifPresent(b::dataDir);
    set("chat-template", config.string("chat-template"), b::chatTemplate);
    config.bool("special-tokens-in-content").ifPresent(b::specialTokensInContent);
    set(
        "max-file-size",
        config.string("max-file-size").map(v -> bytes("max-file-size", v)),
        b::maxFileSize);
    fineTuningOptions(config).ifPresent(b::fineTuningOptions);
    set(
        "kv-cache-memory-limit",
        config.string("kv-cache-memory-limit").map(v -> bytes("kv-cache-memory-limit", v)),
        b::kvCacheMemoryLimit);
    set("kv-cache-type", config.string("kv-cache-type"), b::kvCacheType);
    set("max-generation-time", config.duration("max-generation-time"), b::maxGenerationTime);
    set("temperature", config.decimal("temperature"), b::temperature);
    set("top-k", config.integer("top-k"), b::topK);
    set("top-p", config.decimal("top-p"), b::topP);
    set("min-p", config.decimal("min-p"), b::minP);
    set("repeat-penalty", config.decimal("repeat-penalty"), b::repeatPenalty);
    config.string("seed").ifPresent(v -> b.seed(longValue("seed", v)));
    return b.build();
  }

  private static Optional<LocalEmbeddingOptions> embeddingOptions(ProviderConfig config) {
    Optional<Integer> max = config.integer("embedding-max-tokens");
    Optional<Boolean> truncate = config.bool("embedding-truncate");
    Optional<Boolean> special = config.bool("embedding-parse-special");
    if (max.isEmpty() && truncate.isEmpty() && special.isEmpty()) {
      return Optional.empty();
    }
    LocalEmbeddingOptions.Builder o = LocalEmbeddingOptions.builder();
    set("embedding-max-tokens", max, o::maxTokens);
    truncate.ifPresent(o::truncate);
    special.ifPresent(o::parseSpecialTokens);
    return Optional.of(o.build());
  }

  private static Optional<LocalFineTuningOptions> fineTuningOptions(ProviderConfig config) {
    Optional<Integer> jobs = config.integer("fine-tuning-concurrency");
    Optional<Integer> threads = config.integer("fine-tuning-threads");
    Optional<Long> memory =
        config.string("fine-tuning-memory-limit").map(v -> bytes("fine-tuning-memory-limit", v));
    if (jobs.isEmpty() && threads.isEmpty() && memory.isEmpty()) {
      return Optional.empty();
    }
    LocalFineTuningOptions.Builder o = LocalFineTuningOptions.builder();
    set("fine-tuning-concurrency", jobs, o::maxConcurrentJobs);
    set("fine-tuning-threads", threads, o::threads);
    set("fine-tuning-memory-limit", memory, o::memoryLimit);
    return Optional.of(o.build());
  }

  /** Applies {@code value} with {@code setter}; a value the builder rejects is named by its key. */
  private static <T> void set(String key, Optional<T> value, Consumer<T> setter) {
    value.ifPresent(
        v -> {
          try {
            setter.accept(v);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "llmkit.local." + key + " is '" + v + "': " + e.getMessage(), e);
          }
        });
  }

  private static URI uri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "llmkit.local.download-base-url is '"
              + value
              + "'; expected an http or https URL such as "
              + LocalModels.DEFAULT_BASE_URL,
          e);
    }
  }

  private static long longValue(String key, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "llmkit.local." + key + " is '" + value + "'; expected an integer", e);
    }
  }

  /** Parses {@code 1048576}, {@code 64KB}, {@code 512MB} or {@code 2GB} (powers of 1024). */
  static long bytes(String value) {
    return bytes("max-file-size", value);
  }

  /** {@link #bytes(String)} for option {@code key}, named in the error. */
  static long bytes(String key, String value) {
    String v = value.strip().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    for (String[] s :
        new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
      if (v.endsWith(s[0])) {
        unit = Long.parseLong(s[1]);
        v = v.substring(0, v.length() - s[0].length()).strip();
        break;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(v), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "llmkit.local."
              + key
              + " is '"
              + value
              + "'; expected bytes, optionally with a KB, MB or GB suffix, e.g. 512MB");
    }
  }
}
