package dev.llmkit.local;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.internal.Checks;
import dev.llmkit.local.internal.download.ConsoleProgressBar;
import dev.llmkit.local.internal.download.DownloadOptions;
import dev.llmkit.local.internal.download.ModelResolver;
import dev.llmkit.local.internal.download.ModelSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.ModelLoader;
import dev.llmkit.local.internal.service.LocalChatService;
import dev.llmkit.local.internal.service.LocalCompletionService;
import dev.llmkit.local.internal.service.LocalModelService;
import dev.llmkit.local.internal.service.SamplingDefaults;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs a GGUF model in this JVM: chat, text completions and model listing, with no server and no
 * native code. The entry point of the {@code local} provider.
 *
 * <pre>{@code
 * try (LocalClient llm = LocalClient.builder()
 *     .model("hf:bartowski/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct-Q8_0.gguf")
 *     .build()) {
 *   ChatRequest request = ChatRequest.builder()
 *       .model("local")
 *       .addUserMessage("Name three colours.")
 *       .build();
 *   llm.chat().stream(request).blockingForEach(chunk -> System.out.print(chunk.text()));
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} resolves the model (a file path, or an {@code hf:} spec downloaded
 * once into the cache), maps it and loads tokenizer and chat template; it throws {@link
 * dev.llmkit.ModelLoadException} if that fails. The client is thread-safe: up to {@link
 * Builder#maxConcurrentRequests} requests are generated at once, each with its own KV cache, and
 * the rest wait in line. Streams are pull-driven: a token is computed only when requested, and
 * disposing a stream stops its generation. The {@code model} field of requests is not checked;
 * responses name the loaded model (its file name without {@code .gguf}).
 *
 * <p>Sampling defaults follow llama.cpp (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05);
 * requests override them. Embeddings, files and moderation come in a later release; fine-tuning
 * is not available locally. Close the client to release the model and its threads.
 */
public final class LocalClient implements LlmClient {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.CHAT, Capability.COMPLETIONS, Capability.MODELS);

  private final Generator generator;
  private final ChatService chat;
  private final CompletionService completions;
  private final ModelService models;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalClient(Generator generator, SamplingDefaults defaults) {
    this.generator = generator;
    this.chat = new LocalChatService(generator, defaults);
    this.completions = new LocalCompletionService(generator, defaults);
    this.models = new LocalModelService(generator);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String provider() {
    return LocalProvider.ID;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.copyOf(CAPABILITIES);
  }

  @Override
  public ChatService chat() {
    return chat;
  }

  @Override
  public CompletionService completions() {
    return completions;
  }

  @Override
  public ModelService models() {
    return models;
  }

  @Override
  public EmbeddingService embeddings() {
    throw notYet(Capability.EMBEDDINGS);
  }

  @Override
  public FileService files() {
    throw notYet(Capability.FILES);
  }

  @Override
  public ModerationService moderation() {
    throw notYet(Capability.MODERATION);
  }

  @Override
  public FineTuningService fineTuning() {
    throw new UnsupportedCapabilityException(LocalProvider.ID, Capability.FINE_TUNING,
        "provider 'local' does not support fine-tuning: training is not available locally;"
            + " use the openai provider");
  }

  private static UnsupportedCapabilityException notYet(Capability c) {
    return new UnsupportedCapabilityException(LocalProvider.ID, c, "provider 'local' does not"
        + " support " + c.id() + " yet; a later release adds it, meanwhile use the openai provider");
  }

  /** The KV cache positions each request gets (prompt plus output). */
  public int contextSize() {
    return generator.contextSize();
  }

  /** Internal: the generator, for tests in this package. */
  Generator generator() {
    return generator;
  }

  /** Unmaps the model and stops the inference threads. Requests in flight fail. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      generator.close();
    }
  }

  @Override
  public String toString() {
    return "LocalClient{model=" + generator.info().id() + ", contextSize=" + contextSize() + "}";
  }

  /** Configures a {@link LocalClient}; only {@link #model} is required. */
  public static final class Builder {
    private @Nullable String model;
    private Path cacheDir = DownloadOptions.defaultCacheDir();
    private URI downloadBaseUrl = DownloadOptions.DEFAULT_BASE_URL;
    private boolean offline;
    private @Nullable DownloadListener downloadListener;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int contextSize;
    private long kvCacheMemoryLimit;
    private int maxConcurrentRequests = 1;
    private SamplingDefaults sampling = SamplingDefaults.llamaCpp();

    private Builder() {}

    /** A .gguf file path, or {@code hf:<owner>/<repo>/<file>.gguf[#sha256=<hex>]}. */
    public Builder model(String model) {
      this.model = Checks.notBlank(model, "model");
      return this;
    }

    /** A local .gguf file. */
    public Builder model(Path model) {
      this.model = Checks.notNull(model, "model").toString();
      return this;
    }

    /** Where downloaded models are kept; default {@code ~/.cache/llmkit/models}. */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Checks.notNull(cacheDir, "cacheDir");
      return this;
    }

    /** Hugging Face root for {@code hf:} models; default {@code https://huggingface.co}. */
    public Builder downloadBaseUrl(URI url) {
      this.downloadBaseUrl = Checks.notNull(url, "downloadBaseUrl");
      return this;
    }

    /** Never download; a model missing from the cache is a ModelLoadException. Default false. */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * Receives download progress. Default: a progress bar on {@code System.err} when the JVM has
     * a console, else nothing; {@link DownloadListener#none()} turns it off.
     */
    public Builder downloadListener(DownloadListener listener) {
      this.downloadListener = Checks.notNull(listener, "downloadListener");
      return this;
    }

    /** Threads of the forward pass; default all available processors. */
    public Builder threads(int threads) {
      Checks.check(threads >= 1 && threads <= 1024,
          "threads is " + threads + "; allowed range is 1 to 1024");
      this.threads = threads;
      return this;
    }

    /**
     * KV cache positions per request (prompt plus output). Default: the model's context length,
     * at most 4096.
     */
    public Builder contextSize(int contextSize) {
      Checks.check(contextSize >= 2, "contextSize is " + contextSize + "; it must be at least 2");
      this.contextSize = contextSize;
      return this;
    }

    /**
     * Upper bound in bytes for all KV caches together ({@code maxConcurrentRequests} of them);
     * the context size is reduced to fit. Default: no bound beyond the context size.
     */
    public Builder kvCacheMemoryLimit(long bytes) {
      Checks.check(bytes > 0, "kvCacheMemoryLimit is " + bytes + "; it must be positive");
      this.kvCacheMemoryLimit = bytes;
      return this;
    }

    /** Requests generated at the same time; more wait in line. Default 1. */
    public Builder maxConcurrentRequests(int max) {
      Checks.check(max >= 1 && max <= 256,
          "maxConcurrentRequests is " + max + "; allowed range is 1 to 256");
      this.maxConcurrentRequests = max;
      return this;
    }

    /** Default temperature for requests without one; 0 means greedy. Default 0.8. */
    public Builder temperature(double temperature) {
      sampling = sampling.withTemperature(temperature);
      return this;
    }

    /** Default top-k (0 disables). Default 40. */
    public Builder topK(int topK) {
      sampling = sampling.withTopK(topK);
      return this;
    }

    /** Default top-p (1 disables). Default 0.95. */
    public Builder topP(double topP) {
      sampling = sampling.withTopP(topP);
      return this;
    }

    /** Default min-p (0 disables). Default 0.05. */
    public Builder minP(double minP) {
      sampling = sampling.withMinP(minP);
      return this;
    }

    /** Default llama.cpp repetition penalty over the last 64 tokens (1 disables). Default 1. */
    public Builder repeatPenalty(double penalty) {
      sampling = sampling.withRepeatPenalty(penalty);
      return this;
    }

    /** Default seed for requests without one. Default: a random seed per request. */
    public Builder seed(long seed) {
      sampling = sampling.withSeed(seed);
      return this;
    }

    /**
     * Resolves, downloads if needed, and loads the model.
     *
     * @throws IllegalStateException if no model was set
     * @throws IllegalArgumentException if the model spec is malformed
     * @throws dev.llmkit.ModelLoadException if the model is missing, cannot be downloaded,
     *     fails verification, or is not a supported GGUF model
     * @throws dev.llmkit.LlmIoException if a download failed repeatedly (a later build resumes)
     */
    public LocalClient build() {
      if (model == null) {
        throw new IllegalStateException("no model; call model(...) with a .gguf path or"
            + " hf:<owner>/<repo>/<file>.gguf (llmkit.local.model)");
      }
      DownloadListener listener =
          downloadListener != null ? downloadListener : ConsoleProgressBar.forConsole();
      DownloadOptions options = DownloadOptions.defaults(listener).withCacheDir(cacheDir)
          .withBaseUrl(downloadBaseUrl).withOffline(offline);
      Path file = new ModelResolver(options).resolve(ModelSpec.parse(model));
      Generator generator = ModelLoader.load(file, threads, contextSize, kvCacheMemoryLimit,
          maxConcurrentRequests);
      return new LocalClient(generator, sampling);
    }
  }
}
