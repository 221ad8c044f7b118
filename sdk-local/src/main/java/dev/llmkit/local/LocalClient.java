package dev.llmkit.local;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.service.LocalServices;
import dev.llmkit.local.internal.service.LocalSettings;
import dev.llmkit.local.internal.service.SamplingDefaults;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs a GGUF model in this JVM: chat, text completions and model listing, with no server and no
 * native code. The entry point of the {@code local} provider.
 *
 * <pre>{@code
 * try (LocalClient llm = LocalClient.builder()
 *     .model("hf:bartowski/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct-Q8_0.gguf")
 *     .build()) {
 *   ChatRequest request = ChatRequest.builder().model("local")
 *       .addUserMessage("Name three colours.").build();
 *   llm.chat().stream(request).blockingForEach(chunk -> System.out.print(chunk.text()));
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} resolves the model (a file path, or an {@code hf:} spec downloaded
 * once into the cache), maps it and loads tokenizer and chat template; it throws {@link
 * dev.llmkit.ModelLoadException} if that fails. The client is thread-safe: up to {@link
 * Builder#maxConcurrentRequests} requests are generated at once, each with its own KV cache, and
 * the rest wait in line; their steps run batched ({@link Builder#maxBatchSize}), each output as if
 * alone. Streams are pull-driven: a token is computed only when requested, and disposing a stream
 * stops its generation. Chunks arrive on the client's inference threads: move slow work, and above
 * all blocking calls to this client, off them with {@code observeOn}. A request's {@code model} may
 * name a fine-tuned model ({@code ft:…}); any other value means the loaded model. Sampling defaults
 * follow llama.cpp (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05). Close the client to release
 * the models and threads.
 *
 * <p>Files are always available, kept under {@link Builder#dataDir}, even with no model at all.
 * Embeddings need {@link Builder#embeddingModel} and moderation {@link Builder#moderationModel};
 * without them (or, for chat, completions, models and fine-tuning, without {@link Builder#model})
 * those calls throw {@link UnsupportedCapabilityException} saying what to configure. {@code
 * models()} lists the loaded model, every GGUF file in the model cache and the fine-tuned models.
 */
public final class LocalClient implements LlmClient {
  private final LocalServices services;

  private LocalClient(LocalServices services) {
    this.services = services;
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
    return services.capabilities();
  }

  @Override
  public ChatService chat() {
    return services.chat();
  }

  @Override
  public CompletionService completions() {
    return services.completions();
  }

  @Override
  public ModelService models() {
    return services.models();
  }

  @Override
  public EmbeddingService embeddings() {
    return services.embeddings();
  }

  @Override
  public FileService files() {
    return services.files();
  }

  @Override
  public ModerationService moderation() {
    return services.moderation();
  }

  @Override
  public FineTuningService fineTuning() {
    return services.fineTuning();
  }

  /** The KV cache positions each request gets (prompt plus output); 0 without a chat model. */
  public int contextSize() {
    return services.hasChatModel() ? services.generator().contextSize() : 0;
  }

  /**
   * The prompt {@code request} becomes, exactly as the model's chat template writes it (a BOS the
   * template writes included; the tokenizer then adds none). Throws {@link
   * dev.llmkit.InvalidRequestException} where {@link #chat()} would, e.g. when the template raises.
   */
  public String renderPrompt(ChatRequest request) {
    return services.renderPrompt(request);
  }

  /** Internal: the generator, for tests in this package. */
  Generator generator() {
    return services.generator();
  }

  /** Unmaps the model and stops the inference threads. Requests in flight fail. Idempotent. */
  @Override
  public void close() {
    services.close();
  }

  @Override
  public String toString() {
    return "LocalClient{model="
        + (services.hasChatModel() ? generator().info().id() : "none")
        + ", contextSize="
        + contextSize()
        + "}";
  }

  /** Configures a {@link LocalClient}; each model enables its capabilities, files need none. */
  public static final class Builder {
    private final LocalSettings settings = new LocalSettings();

    private Builder() {}

    /** A .gguf file path, or {@code hf:<owner>/<repo>/<file>.gguf[#sha256=<hex>]}. */
    public Builder model(String model) {
      settings.model(model);
      return this;
    }

    /** A local .gguf file. */
    public Builder model(Path model) {
      settings.model(model);
      return this;
    }

    /**
     * A GGUF embedding model for {@link LocalClient#embeddings()} ({@code bert} such as
     * all-MiniLM-L6-v2 or bge-small, {@code nomic-bert} such as nomic-embed-text, or {@code
     * llama}/{@code qwen2}/{@code qwen3} such as Qwen3-Embedding): a .gguf path or an {@code hf:}
     * spec. Default: none, and embeddings throw {@link UnsupportedCapabilityException}. Without a
     * chat {@link #model} the client serves embeddings (and files, moderation) only.
     */
    public Builder embeddingModel(String embeddingModel) {
      settings.embeddingModel(embeddingModel);
      return this;
    }

    /** A local GGUF embedding model file; see {@link #embeddingModel(String)}. */
    public Builder embeddingModel(Path embeddingModel) {
      settings.embeddingModel(embeddingModel);
      return this;
    }

    /** Token limit, truncation and special tokens of embedding inputs; see the options class. */
    public Builder embeddingOptions(LocalEmbeddingOptions options) {
      settings.embeddingOptions(options);
      return this;
    }

    /**
     * A Llama Guard 3 style GGUF for {@link LocalClient#moderation()}: a .gguf path or an {@code
     * hf:} spec. Default: none, and moderation throws {@link UnsupportedCapabilityException}.
     */
    public Builder moderationModel(String moderationModel) {
      settings.moderationModel(moderationModel);
      return this;
    }

    /** A local guard model file; see {@link #moderationModel(String)}. */
    public Builder moderationModel(Path moderationModel) {
      settings.moderationModel(moderationModel);
      return this;
    }

    /** Where files() keeps uploads; default $XDG_DATA_HOME/llmkit, else ~/.local/share/llmkit. */
    public Builder dataDir(Path dataDir) {
      settings.dataDir(dataDir);
      return this;
    }

    /** The largest file {@link LocalClient#files()} accepts, in bytes. Default 512 MiB. */
    public Builder maxFileSize(long bytes) {
      settings.maxFileSize(bytes);
      return this;
    }

    /** Where downloaded models are kept; default {@code ~/.cache/llmkit/models}. */
    public Builder cacheDir(Path cacheDir) {
      settings.cacheDir(cacheDir);
      return this;
    }

    /** Hugging Face root for {@code hf:} models; default {@code https://huggingface.co}. */
    public Builder downloadBaseUrl(URI url) {
      settings.downloadBaseUrl(url);
      return this;
    }

    /** Never download; a model missing from the cache is a ModelLoadException. Default false. */
    public Builder offline(boolean offline) {
      settings.offline(offline);
      return this;
    }

    /** Download progress; default a bar on stderr if there is a console, else none. */
    public Builder downloadListener(DownloadListener listener) {
      settings.downloadListener(listener);
      return this;
    }

    /** Threads of the forward pass; default all available processors. */
    public Builder threads(int threads) {
      settings.threads(threads);
      return this;
    }

    /** KV cache positions per request (prompt plus output); default the model's, at most 4096. */
    public Builder contextSize(int contextSize) {
      settings.contextSize(contextSize);
      return this;
    }

    /**
     * Upper bound in bytes for all KV caches together ({@code maxConcurrentRequests} of them); the
     * context size is reduced to fit. Default: no bound beyond the context size.
     */
    public Builder kvCacheMemoryLimit(long bytes) {
      settings.kvCacheMemoryLimit(bytes);
      return this;
    }

    /** KV cache storage: "f16" (default; half the memory) or "f32" (exact); others are rejected. */
    public Builder kvCacheType(String type) {
      settings.kvCacheType(type);
      return this;
    }

    /** Jobs trained at once, their threads and heap limit; see the options class. */
    public Builder fineTuningOptions(LocalFineTuningOptions o) {
      settings.fineTuning(o);
      return this;
    }

    /** Requests generated at the same time; more wait in line. Default 1. */
    public Builder maxConcurrentRequests(int max) {
      settings.maxConcurrentRequests(max);
      return this;
    }

    /** Most requests whose next tokens are computed in one pass (1 = off); default 8. */
    public Builder maxBatchSize(int max) {
      settings.maxBatchSize(max);
      return this;
    }

    /**
     * Overrides the model's {@code tokenizer.chat_template}: a family name ({@code chatml}, {@code
     * llama3}, {@code llama2}, {@code mistral}, {@code phi3}, {@code gemma}, {@code plain}) or the
     * path of a Jinja file. Default: the model's own template, run as transformers runs it.
     */
    public Builder chatTemplate(String chatTemplate) {
      settings.chatTemplate(chatTemplate);
      return this;
    }

    /** Read special-token text in message content as control tokens (trusted authors only). */
    public Builder specialTokensInContent(boolean on) {
      settings.specialTokensInContent(on);
      return this;
    }

    /** Longest a request runs (prompt included) before finishing with "length"; 0 = no limit. */
    public Builder maxGenerationTime(Duration max) {
      settings.maxGenerationTime(max);
      return this;
    }

    /** Default temperature for requests without one; 0 means greedy. Default 0.8. */
    public Builder temperature(double t) {
      return sampling(d -> d.withTemperature(t));
    }

    /** Default top-k (0 disables). Default 40. */
    public Builder topK(int topK) {
      return sampling(d -> d.withTopK(topK));
    }

    /** Default top-p (1 disables). Default 0.95. */
    public Builder topP(double topP) {
      return sampling(d -> d.withTopP(topP));
    }

    /** Default min-p (0 disables). Default 0.05. */
    public Builder minP(double minP) {
      return sampling(d -> d.withMinP(minP));
    }

    /** Default llama.cpp repetition penalty over the last 64 tokens (1 disables). Default 1. */
    public Builder repeatPenalty(double p) {
      return sampling(d -> d.withRepeatPenalty(p));
    }

    /** Default seed for requests without one. Default: a random seed per request. */
    public Builder seed(long seed) {
      return sampling(d -> d.withSeed(seed));
    }

    private Builder sampling(UnaryOperator<SamplingDefaults> change) {
      settings.sampling(change.apply(settings.sampling()));
      return this;
    }

    /**
     * Resolves, downloads if needed, and loads the model.
     *
     * @throws IllegalArgumentException if the model spec is malformed
     * @throws dev.llmkit.ModelLoadException if the model is missing, cannot be downloaded, fails
     *     verification, or is not a supported GGUF model
     * @throws dev.llmkit.LlmIoException if a download failed repeatedly (a later build resumes)
     */
    public LocalClient build() {
      return new LocalClient(LocalServices.load(settings));
    }
  }
}
