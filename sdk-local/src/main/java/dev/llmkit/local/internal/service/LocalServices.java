package dev.llmkit.local.internal.service;

import dev.llmkit.Capability;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.internal.download.ConsoleProgressBar;
import dev.llmkit.local.internal.download.DownloadOptions;
import dev.llmkit.local.internal.download.ModelResolver;
import dev.llmkit.local.internal.download.ModelSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.ModelLoader;
import dev.llmkit.local.internal.files.LocalFileStore;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything a {@code LocalClient} runs on, wired together: the generator of the chat model, the
 * chat, completion and model services over it, and the {@link ExtraServices}. {@link #load}
 * resolves (downloading if needed) and loads the models; {@link #close} releases them once.
 */
public final class LocalServices implements AutoCloseable {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.CHAT, Capability.COMPLETIONS, Capability.MODELS);

  private final Generator generator;
  private final ChatService chat;
  private final CompletionService completions;
  private final ModelService models;
  private final ExtraServices extras;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalServices(Generator generator, SamplingDefaults defaults, ExtraServices extras,
      Path cacheDir) {
    this.generator = generator;
    this.chat = new LocalChatService(generator, defaults);
    this.completions = new LocalCompletionService(generator, defaults);
    this.extras = extras;
    Set<Path> inUse = new LinkedHashSet<>(extras.modelFiles());
    inUse.add(generator.info().file());
    this.models = new CachedModelService(new LocalModelService(generator), cacheDir, inUse);
  }

  /**
   * Resolves, downloads if needed, and loads the models of {@code s}.
   *
   * @throws IllegalStateException if no model was set
   * @throws IllegalArgumentException if a model spec is malformed
   * @throws dev.llmkit.ModelLoadException if a model is missing or cannot be loaded
   * @throws dev.llmkit.LlmIoException if a download failed repeatedly
   */
  public static LocalServices load(LocalSettings s) {
    if (s.model == null) {
      throw new IllegalStateException("no model; call model(...) with a .gguf path or"
          + " hf:<owner>/<repo>/<file>.gguf (llmkit.local.model)");
    }
    DownloadListener listener =
        s.downloadListener != null ? s.downloadListener : ConsoleProgressBar.forConsole();
    DownloadOptions options = DownloadOptions.defaults(listener).withCacheDir(s.cacheDir)
        .withBaseUrl(s.downloadBaseUrl).withOffline(s.offline);
    ModelResolver resolver = new ModelResolver(options);
    Path file = resolver.resolve(ModelSpec.parse(s.model));
    Path embeddingFile = s.embeddingModel == null ? null
        : resolver.resolve(ModelSpec.parse(s.embeddingModel));
    Path guardFile = s.moderationModel == null ? null
        : resolver.resolve(ModelSpec.parse(s.moderationModel));
    Generator generator = ModelLoader.load(file, s.threads, s.contextSize, s.kvCacheMemoryLimit,
        s.maxConcurrentRequests, s.chatTemplate);
    try {
      ExtraServices extras = ExtraServices.load(embeddingFile, guardFile,
          s.dataDir != null ? s.dataDir : LocalFileStore.defaultDataDir(), s.maxFileSize,
          s.threads);
      return new LocalServices(generator, s.sampling, extras, s.cacheDir);
    } catch (RuntimeException | Error e) {
      generator.close();
      throw e;
    }
  }

  /** CHAT, COMPLETIONS, MODELS and FILES, plus the capabilities of the configured extras. */
  public Set<Capability> capabilities() {
    Set<Capability> all = EnumSet.copyOf(CAPABILITIES);
    all.addAll(extras.capabilities());
    return Set.copyOf(all);
  }

  /** The prompt text the model's chat template renders for a request (with generation prompt). */
  public String renderPrompt(ChatRequest request) {
    return ChatPrompts.renderExact(generator.template(), request, true);
  }

  public Generator generator() {
    return generator;
  }

  public ChatService chat() {
    return chat;
  }

  public CompletionService completions() {
    return completions;
  }

  public ModelService models() {
    return models;
  }

  public EmbeddingService embeddings() {
    return extras.embeddings();
  }

  public FileService files() {
    return extras.files();
  }

  public ModerationService moderation() {
    return extras.moderation();
  }

  /** Always fails: training is not available locally. */
  public UnsupportedCapabilityException fineTuningUnsupported() {
    return new UnsupportedCapabilityException(Generator.PROVIDER, Capability.FINE_TUNING,
        "provider 'local' does not support fine-tuning: training is not available locally;"
            + " use the openai provider");
  }

  /** Unmaps the models and stops the inference threads. Idempotent. */
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
}
