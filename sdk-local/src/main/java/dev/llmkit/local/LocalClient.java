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
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a GGUF model in this JVM: chat, text completions and model listing, with no server and no
 * native code. The entry point of the {@code local} provider.
 *
 * <pre>{@code
 * try (LocalClient llm = LocalClient.builder().model("hf:<owner>/<repo>/<file>.gguf").build()) {
 *   ChatRequest request = ChatRequest.builder().model("local").addUserMessage("Hi").build();
 *   llm.chat().stream(request).blockingForEach(chunk -> System.out.print(chunk.text()));
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} resolves (downloads) and loads the models, or throws {@link
 * dev.llmkit.ModelLoadException}. The client is thread-safe; the {@linkplain dev.llmkit.local
 * package} says how it runs requests. A request's {@code model} may name a fine-tuned model ({@code
 * ft:…}); any other value means the loaded model. Close the client to release models and threads.
 *
 * <p>Each model enables its capabilities, and a capability without its model throws {@link
 * UnsupportedCapabilityException} naming the setting: {@link Builder#model} chat, completions,
 * models and fine-tuning, {@link Builder#embeddingModel} embeddings, {@link
 * Builder#moderationModel} moderation. Files need no model.
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
   * The prompt {@code request} becomes, exactly as the chat template writes it (BOS included).
   * Throws {@link dev.llmkit.InvalidRequestException} where {@link #chat()} would.
   */
  public String renderPrompt(ChatRequest request) {
    return services.renderPrompt(request);
  }

  Generator generator() { // for tests in this package
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
      return set(s -> s.model(model));
    }

    /** A local .gguf file. */
    public Builder model(Path model) {
      return set(s -> s.model(model));
    }

    /** An embedding GGUF (bert, nomic-bert, llama, qwen2, qwen3): path or hf: spec. */
    public Builder embeddingModel(String embeddingModel) {
      return set(s -> s.embeddingModel(embeddingModel));
    }

    /** A local GGUF embedding model file; see {@link #embeddingModel(String)}. */
    public Builder embeddingModel(Path embeddingModel) {
      return set(s -> s.embeddingModel(embeddingModel));
    }

    /** Token limit, truncation and special tokens of embedding inputs; see the options class. */
    public Builder embeddingOptions(LocalEmbeddingOptions options) {
      return set(s -> s.embeddingOptions(options));
    }

    /** A Llama Guard 3 style GGUF for moderation: a path or an hf: spec; default none. */
    public Builder moderationModel(String moderationModel) {
      return set(s -> s.moderationModel(moderationModel));
    }

    /** A local guard model file; see {@link #moderationModel(String)}. */
    public Builder moderationModel(Path moderationModel) {
      return set(s -> s.moderationModel(moderationModel));
    }

    /** Where files() keeps uploads; default $XDG_DATA_HOME/llmkit, else ~/.local/share/llmkit. */
    public Builder dataDir(Path dataDir) {
      return set(s -> s.dataDir(dataDir));
    }

    /** The largest file {@link LocalClient#files()} accepts, in bytes. Default 512 MiB. */
    public Builder maxFileSize(long bytes) {
      return set(s -> s.maxFileSize(bytes));
    }

    /** Where downloaded models are kept; default {@code ~/.cache/llmkit/models}. */
    public Builder cacheDir(Path cacheDir) {
      return set(s -> s.cacheDir(cacheDir));
    }

    /** Hugging Face root for {@code hf:} models; default {@code https://huggingface.co}. */
    public Builder downloadBaseUrl(URI url) {
      return set(s -> s.downloadBaseUrl(url));
    }

    /** Never download; a model missing from the cache is a ModelLoadException. Default false. */
    public Builder offline(boolean offline) {
      return set(s -> s.offline(offline));
    }

    /** Download progress; default a bar on stderr if there is a console, else none. */
    public Builder downloadListener(DownloadListener listener) {
      return set(s -> s.downloadListener(listener));
    }

    /** Threads of the forward pass; default all available processors. */
    public Builder threads(int threads) {
      return set(s -> s.threads(threads));
    }

    /** KV cache positions per request (prompt plus output); default the model's, at most 4096. */
    public Builder contextSize(int contextSize) {
      return set(s -> s.contextSize(contextSize));
    }

    /** Bytes for all KV caches together; lowers the context size to fit. Default: no bound. */
    public Builder kvCacheMemoryLimit(long bytes) {
      return set(s -> s.kvCacheMemoryLimit(bytes));
    }

    /** KV cache storage: "f16" (default; half the memory) or "f32" (exact); others are rejected. */
    public Builder kvCacheType(String type) {
      return set(s -> s.kvCacheType(type));
    }

    /** Jobs trained at once, their threads and heap limit; see the options class. */
    public Builder fineTuningOptions(LocalFineTuningOptions o) {
      return set(s -> s.fineTuning(o));
    }

    /** Requests generated at the same time; more wait in line. Default 1. */
    public Builder maxConcurrentRequests(int max) {
      return set(s -> s.maxConcurrentRequests(max));
    }

    /** Most requests whose next tokens are computed in one pass (1 = off); default 8. */
    public Builder maxBatchSize(int max) {
      return set(s -> s.maxBatchSize(max));
    }

    /** Overrides the model's chat template: a family name (chatml, llama3, …) or a Jinja file. */
    public Builder chatTemplate(String chatTemplate) {
      return set(s -> s.chatTemplate(chatTemplate));
    }

    /** Read special-token text in message content as control tokens (trusted authors only). */
    public Builder specialTokensInContent(boolean on) {
      return set(s -> s.specialTokensInContent(on));
    }

    /** Longest a request runs (prompt included) before finishing with "length"; 0 = no limit. */
    public Builder maxGenerationTime(Duration max) {
      return set(s -> s.maxGenerationTime(max));
    }

    /** Default temperature for requests without one; 0 means greedy. Default 0.8. */
    public Builder temperature(double t) {
      return set(s -> s.sampling(s.sampling().withTemperature(t)));
    }

    /** Default top-k (0 disables). Default 40. */
    public Builder topK(int topK) {
      return set(s -> s.sampling(s.sampling().withTopK(topK)));
    }

    /** Default top-p (1 disables). Default 0.95. */
    public Builder topP(double topP) {
      return set(s -> s.sampling(s.sampling().withTopP(topP)));
    }

    /** Default min-p (0 disables). Default 0.05. */
    public Builder minP(double minP) {
      return set(s -> s.sampling(s.sampling().withMinP(minP)));
    }

    /** Default llama.cpp repetition penalty over the last 64 tokens (1 disables). Default 1. */
    public Builder repeatPenalty(double p) {
      return set(s -> s.sampling(s.sampling().withRepeatPenalty(p)));
    }

    /** Default seed for requests without one. Default: a random seed per request. */
    public Builder seed(long seed) {
      return set(s -> s.sampling(s.sampling().withSeed(seed)));
    }

    private Builder set(Consumer<LocalSettings> setting) {
      setting.accept(settings);
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
