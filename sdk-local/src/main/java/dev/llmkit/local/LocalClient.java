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
import dev.llmkit.local.internal.files.LocalFileStore;
import dev.llmkit.local.internal.service.CachedModelService;
import dev.llmkit.local.internal.service.ExtraServices;
import dev.llmkit.local.internal.service.LocalChatService;
import dev.llmkit.local.internal.service.LocalCompletionService;
import dev.llmkit.local.internal.service.LocalModelService;
import dev.llmkit.local.internal.service.SamplingDefaults;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
 * disposing a stream stops its generation. Chunks arrive on the client's inference threads: move
 * slow work, and above all blocking calls to this client, off them with {@code observeOn}. The
 * {@code model} field of requests is not checked; responses name the loaded model.
 *
 * <p>Sampling defaults follow llama.cpp (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05);
 * requests override them. Fine-tuning is not available locally. Close the client to release the
 * models and their threads.
 *
 * <p>Files are always available, kept under {@link Builder#dataDir}. Embeddings need {@link
 * Builder#embeddingModel} and moderation {@link Builder#moderationModel}; without them those
 * calls throw {@link UnsupportedCapabilityException} saying what to configure. {@code models()}
 * lists the loaded model and every GGUF file in the model cache.
 */
public final class LocalClient implements LlmClient {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.CHAT, Capability.COMPLETIONS, Capability.MODELS);

  private final Generator generator;
  private final ChatService chat;
  private final CompletionService completions;
  private final ModelService models;
  private final ExtraServices extras;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalClient(Generator generator, SamplingDefaults defaults, ExtraServices extras,
      Path cacheDir) {
    this.generator = generator;
    this.chat = new LocalChatService(generator, defaults);
    this.completions = new LocalCompletionService(generator, defaults);
    this.extras = extras;
    Set<Path> inUse = new LinkedHashSet<>(extras.modelFiles());
    inUse.add(generator.info().file());
    this.models = new CachedModelService(new LocalModelService(generator), cacheDir, inUse);
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
    Set<Capability> all = EnumSet.copyOf(CAPABILITIES);
    all.addAll(extras.capabilities());
    return Set.copyOf(all);
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
    return extras.embeddings();
  }

  @Override
  public FileService files() {
    return extras.files();
  }

  @Override
  public ModerationService moderation() {
    return extras.moderation();
  }

  @Override
  public FineTuningService fineTuning() {
    throw new UnsupportedCapabilityException(LocalProvider.ID, Capability.FINE_TUNING,
        "provider 'local' does not support fine-tuning: training is not available locally;"
            + " use the openai provider");
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
      try {
        generator.close();
      } finally {
        extras.close();
      }
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
    private @Nullable String embeddingModel;
    private @Nullable String moderationModel;
    private @Nullable Path dataDir;
    private long maxFileSize = LocalFileStore.DEFAULT_MAX_FILE_SIZE;

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

    /**
     * A GGUF embedding model for {@link LocalClient#embeddings()} ({@code bert} such as
     * all-MiniLM-L6-v2 or bge-small, {@code nomic-bert} such as nomic-embed-text, or {@code
     * llama}/{@code qwen2}/{@code qwen3} such as
     * Qwen3-Embedding): a .gguf path or an {@code hf:} spec. Default: none, and embeddings throw
     * {@link UnsupportedCapabilityException}.
     */
    public Builder embeddingModel(String embeddingModel) {
      this.embeddingModel = Checks.notBlank(embeddingModel, "embeddingModel");
      return this;
    }

    /** A local GGUF embedding model file; see {@link #embeddingModel(String)}. */
    public Builder embeddingModel(Path embeddingModel) {
      this.embeddingModel = Checks.notNull(embeddingModel, "embeddingModel").toString();
      return this;
    }

    /**
     * A Llama Guard 3 style GGUF for {@link LocalClient#moderation()}: a .gguf path or an {@code
     * hf:} spec. Default: none, and moderation throws {@link UnsupportedCapabilityException}.
     */
    public Builder moderationModel(String moderationModel) {
      this.moderationModel = Checks.notBlank(moderationModel, "moderationModel");
      return this;
    }

    /** A local guard model file; see {@link #moderationModel(String)}. */
    public Builder moderationModel(Path moderationModel) {
      this.moderationModel = Checks.notNull(moderationModel, "moderationModel").toString();
      return this;
    }

    /**
     * Where {@link LocalClient#files()} keeps uploads (in its {@code files} folder). Default
     * {@code $XDG_DATA_HOME/llmkit}, else {@code ~/.local/share/llmkit}.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Checks.notNull(dataDir, "dataDir");
      return this;
    }

    /** The largest file {@link LocalClient#files()} accepts, in bytes. Default 512 MiB. */
    public Builder maxFileSize(long bytes) {
      Checks.check(bytes >= 1, "maxFileSize is " + bytes + "; it must be at least 1 byte");
      this.maxFileSize = bytes;
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
      ModelResolver resolver = new ModelResolver(options);
      Path file = resolver.resolve(ModelSpec.parse(model));
      Path embeddingFile = embeddingModel == null ? null
          : resolver.resolve(ModelSpec.parse(embeddingModel));
      Path guardFile = moderationModel == null ? null
          : resolver.resolve(ModelSpec.parse(moderationModel));
      Generator generator = ModelLoader.load(file, threads, contextSize, kvCacheMemoryLimit,
          maxConcurrentRequests);
      try {
        ExtraServices extras = ExtraServices.load(embeddingFile, guardFile,
            dataDir != null ? dataDir : LocalFileStore.defaultDataDir(), maxFileSize, threads);
        return new LocalClient(generator, sampling, extras, cacheDir);
      } catch (RuntimeException | Error e) {
        generator.close();
        throw e;
      }
    }
  }
}
