package dev.llmkit.local.internal.service;

import dev.llmkit.Capability;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.internal.download.ConsoleProgressBar;
import dev.llmkit.local.internal.download.DownloadOptions;
import dev.llmkit.local.internal.download.ModelResolver;
import dev.llmkit.local.internal.download.ModelSpec;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.engine.ModelLoader;
import dev.llmkit.local.internal.finetune.FineTunedModels;
import dev.llmkit.local.internal.finetune.Jobs;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@code LocalClient} runs on, wired together: the generator of the chat model, the
 * chat, completion and model services over it, and the {@link ExtraServices}. {@link #load}
 * resolves (downloading if needed) and loads the models; {@link #close} releases them once.
 */
public final class LocalServices implements AutoCloseable {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(
          Capability.CHAT, Capability.COMPLETIONS, Capability.MODELS, Capability.FINE_TUNING);

  /** Null for a client without a chat model (files, and embeddings or moderation if set). */
  private final @Nullable Generator generator;

  private final @Nullable ChatService chat;
  private final @Nullable CompletionService completions;
  private final @Nullable ModelService models;
  private final ExtraServices extras;
  private final @Nullable Jobs jobs;
  private final @Nullable FineTuningService fineTuning;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalServices(
      @Nullable Generator generator,
      SamplingDefaults defaults,
      ExtraServices extras,
      LocalSettings s,
      Path dataDir,
      @Nullable String defaultModel) {
    this.generator = generator;
    this.extras = extras;
    if (generator == null) {
      this.chat = null;
      this.completions = null;
      this.models = null;
      this.jobs = null;
      this.fineTuning = null;
      return;
    }
    this.jobs =
        new Jobs(
            dataDir, extras.files(), s.fineTuning.maxConcurrentJobs(), s.specialTokensInContent);
    FineTunedModels tuned = new FineTunedModels(jobs, generator.info().file());
    AdapterLookup adapters =
        model -> tuned.adapter(FineTunedModels.isFineTuned(model) ? model : defaultModel);
    this.chat = new LocalChatService(generator, defaults, adapters, s.specialTokensInContent);
    this.completions = new LocalCompletionService(generator, defaults, adapters);
    Set<Path> inUse = new LinkedHashSet<>(extras.modelFiles());
    inUse.add(generator.info().file());
    this.models =
        new FineTunedModelService(
            new CachedModelService(new LocalModelService(generator), s.cacheDir, inUse), tuned);
    long limit =
        s.fineTuning.memoryLimit() > 0
            ? s.fineTuning.memoryLimit()
            : Runtime.getRuntime().maxMemory() / 2;
    int threads = s.fineTuning.threads() > 0 ? s.fineTuning.threads() : s.threads;
    this.fineTuning =
        new LocalFineTuningService(
            jobs, extras.files(), generator.info().id(), generator.info().file(), threads, limit);
  }

  /**
   * Resolves, downloads if needed, and loads the models of {@code s}.
   *
   * <p>Without any model the services are files only; without a chat model, chat, completions,
   * models and fine-tuning throw {@link UnsupportedCapabilityException} naming the setting.
   *
   * @throws IllegalArgumentException if a model spec is malformed
   * @throws dev.llmkit.ModelLoadException if a model is missing or cannot be loaded
   * @throws dev.llmkit.LlmIoException if a download failed repeatedly
   */
  public static LocalServices load(LocalSettings s) {
    if (s.model != null || s.embeddingModel != null || s.moderationModel != null) {
      // the kernel choice takes 120-170 ms on a cold JVM: start it before resolving the files
      Kernels.selectAhead();
    }
    DownloadListener listener =
        s.downloadListener != null ? s.downloadListener : ConsoleProgressBar.forConsole();
    DownloadOptions options =
        DownloadOptions.defaults(listener)
            .withCacheDir(s.cacheDir)
            .withBaseUrl(s.downloadBaseUrl)
            .withOffline(s.offline);
    ModelResolver resolver = new ModelResolver(options);
    Path dataDir = s.dataDir != null ? s.dataDir : LocalFileStore.defaultDataDir();
    String defaultModel = FineTunedModels.isFineTuned(s.model) ? s.model : null;
    Path file =
        s.model == null
            ? null
            : defaultModel != null
                ? FineTunedModels.baseFileOf(dataDir, defaultModel)
                : resolver.resolve(ModelSpec.parse(s.model));
    Path embeddingFile =
        s.embeddingModel == null ? null : resolver.resolve(ModelSpec.parse(s.embeddingModel));
    Path guardFile =
        s.moderationModel == null ? null : resolver.resolve(ModelSpec.parse(s.moderationModel));
    Generator generator =
        file == null
            ? null
            : ModelLoader.load(
                file,
                s.threads,
                s.contextSize,
                s.kvCacheMemoryLimit,
                s.kvCacheType,
                s.maxConcurrentRequests,
                s.maxBatchSize,
                s.chatTemplate);
    try {
      if (generator != null) { // no time bound beyond ~292 years: nanoTime arithmetic holds
        generator.maxGenerationTime(
            s.maxGenerationTime.compareTo(Duration.ofDays(36_500)) > 0
                ? Duration.ofDays(36_500).toNanos()
                : s.maxGenerationTime.toNanos());
      }
      ExtraServices extras =
          ExtraServices.load(
              embeddingFile, s.embeddingOptions, guardFile, dataDir, s.maxFileSize, s.threads);
      try {
        return new LocalServices(generator, s.sampling, extras, s, dataDir, defaultModel);
      } catch (RuntimeException | Error e) {
        extras.close();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      if (generator != null) {
        generator.close();
      }
      throw e;
    }
  }

  /**
   * CHAT, COMPLETIONS, MODELS and FINE_TUNING with a chat model, plus the capabilities of the
   * configured extras (FILES always).
   */
  public Set<Capability> capabilities() {
    Set<Capability> all = EnumSet.noneOf(Capability.class);
    if (generator != null) {
      all.addAll(CAPABILITIES);
    }
    all.addAll(extras.capabilities());
    return Set.copyOf(all);
  }

  public boolean hasChatModel() {
    return generator != null;
  }

  /** The prompt text the model's chat template renders for a request (with generation prompt). */
  public String renderPrompt(ChatRequest request) {
    return ChatPrompts.renderExact(generator().template(), request, true);
  }

  /** The chat model's generator; IllegalStateException for an embedding-only client. */
  public Generator generator() {
    if (generator == null) {
      throw new IllegalStateException("this local client has no chat model");
    }
    return generator;
  }

  public ChatService chat() {
    return require(chat, Capability.CHAT);
  }

  public CompletionService completions() {
    return require(completions, Capability.COMPLETIONS);
  }

  public ModelService models() {
    return require(models, Capability.MODELS);
  }

  private static <T> T require(@Nullable T service, Capability capability) {
    if (service == null) {
      throw new UnsupportedCapabilityException(
          Generator.PROVIDER,
          capability,
          "this local client has no chat model, which "
              + capability.id()
              + " needs: set llmkit.local.model (or LocalClient.builder().model(...)) to a .gguf"
              + " path or hf:<owner>/<repo>/<file>.gguf");
    }
    return service;
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

  public FineTuningService fineTuning() {
    return require(fineTuning, Capability.FINE_TUNING);
  }

  /** Unmaps the models and stops the inference threads. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        if (jobs != null) {
          jobs.close();
        }
        if (generator != null) {
          generator.close();
        }
      } finally {
        extras.close();
      }
    }
  }
}
