package dev.llmkit.local.internal.service;

import dev.llmkit.Capability;
import dev.llmkit.LlmException;
import dev.llmkit.UnsupportedCapabilityException;
import dev.llmkit.embedding.EmbeddingRequest;
import dev.llmkit.embedding.EmbeddingResponse;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.local.LocalEmbeddingOptions;
import dev.llmkit.local.internal.embedding.EmbeddingModel;
import dev.llmkit.local.internal.embedding.EmbeddingModels;
import dev.llmkit.local.internal.engine.Generator;
import dev.llmkit.local.internal.moderation.GuardModel;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationService;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The services of a local client beyond the chat model: embeddings (an optional embedding model),
 * files (always, stored under the data directory) and moderation (an optional guard model). Closing
 * it unmaps the extra models; embeddings and moderation then fail with {@link
 * dev.llmkit.LlmIoException}.
 */
public final class ExtraServices implements AutoCloseable {
  private final @Nullable EmbeddingModel embeddingModel;
  private final @Nullable Path embeddingPath;
  private final @Nullable EmbeddingService embeddings;
  private final FileService files;
  private final @Nullable GuardModel guard;
  private final @Nullable Path guardPath;
  private final @Nullable ModerationService moderation;
  private volatile boolean closed;

  private ExtraServices(
      @Nullable EmbeddingModel embeddingModel,
      @Nullable Path embeddingPath,
      LocalEmbeddingOptions embeddingOptions,
      FileService files,
      @Nullable GuardModel guard,
      @Nullable Path guardPath) {
    this.embeddingModel = embeddingModel;
    this.embeddingPath = embeddingPath;
    this.embeddings =
        embeddingModel == null
            ? null
            : whileOpen(new LocalEmbeddingService(embeddingModel, embeddingOptions));
    this.files = files;
    this.guard = guard;
    this.guardPath = guardPath;
    this.moderation = guard == null ? null : whileOpen(new LocalModerationService(guard));
  }

  /**
   * {@code service}, failing with "client closed" after {@link #close}, not in the engine; what
   * closing breaks under a running call (the compute pool) is reported the same way.
   */
  private EmbeddingService whileOpen(EmbeddingService service) {
    return new EmbeddingService() {
      @Override
      public EmbeddingResponse embed(EmbeddingRequest request) {
        checkOpen();
        try {
          return service.embed(request);
        } catch (RuntimeException e) {
          throw closed && !(e instanceof LlmException) ? Generator.closedError(e) : e;
        }
      }

      @Override
      public String toString() {
        return service.toString();
      }
    };
  }

  private ModerationService whileOpen(ModerationService service) {
    return new ModerationService() {
      @Override
      public ModerationResponse moderate(ModerationRequest request) {
        checkOpen();
        try {
          return service.moderate(request);
        } catch (RuntimeException e) {
          throw closed && !(e instanceof LlmException) ? Generator.closedError(e) : e;
        }
      }

      @Override
      public String toString() {
        return service.toString();
      }
    };
  }

  private void checkOpen() {
    if (closed) {
      throw Generator.closedError();
    }
  }

  /**
   * Loads the optional models (already resolved to files) and opens the file store.
   *
   * @throws dev.llmkit.ModelLoadException if a model cannot be loaded
   */
  public static ExtraServices load(
      @Nullable Path embeddingModel,
      LocalEmbeddingOptions embeddingOptions,
      @Nullable Path moderationModel,
      Path dataDir,
      long maxFileSize,
      int threads) {
    FileService files = new LocalFileStore(dataDir, maxFileSize);
    EmbeddingModel embedder =
        embeddingModel == null ? null : EmbeddingModels.load(embeddingModel, threads);
    try {
      GuardModel guard = moderationModel == null ? null : GuardModel.load(moderationModel, threads);
      return new ExtraServices(
          embedder, embeddingModel, embeddingOptions, files, guard, moderationModel);
    } catch (RuntimeException | Error e) {
      if (embedder != null) {
        embedder.close();
      }
      throw e;
    }
  }

  /** FILES, plus EMBEDDINGS and MODERATION when their models are configured. */
  public Set<Capability> capabilities() {
    Set<Capability> c = EnumSet.of(Capability.FILES);
    if (embeddings != null) {
      c.add(Capability.EMBEDDINGS);
    }
    if (moderation != null) {
      c.add(Capability.MODERATION);
    }
    return c;
  }

  /** The model files these services hold open. */
  public Set<Path> modelFiles() {
    Set<Path> paths = new LinkedHashSet<>();
    if (embeddingPath != null) {
      paths.add(embeddingPath);
    }
    if (guardPath != null) {
      paths.add(guardPath);
    }
    return paths;
  }

  public EmbeddingService embeddings() {
    if (embeddings == null) {
      throw new UnsupportedCapabilityException(
          "local",
          Capability.EMBEDDINGS,
          "provider 'local'"
              + " has no embedding model: set llmkit.local.embedding-model (or"
              + " LocalClient.builder().embeddingModel(...)) to a bert, nomic-bert, llama, qwen2 or qwen3"
              + " GGUF such as all-MiniLM-L6-v2, bge-small, nomic-embed-text or Qwen3-Embedding");
    }
    return embeddings;
  }

  public FileService files() {
    return files;
  }

  public ModerationService moderation() {
    if (moderation == null) {
      throw new UnsupportedCapabilityException(
          "local",
          Capability.MODERATION,
          "provider 'local'"
              + " has no guard model for moderation: set llmkit.local.moderation-model (or"
              + " LocalClient.builder().moderationModel(...)) to a Llama Guard 3 GGUF (1B or 8B)");
    }
    return moderation;
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (embeddingModel != null) {
        embeddingModel.close();
      }
    } finally {
      if (guard != null) {
        guard.close();
      }
    }
  }
}
