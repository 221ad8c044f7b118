package dev.llmkit;

import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.spi.LlmProvider;
import dev.llmkit.spi.ProviderConfig;
import java.util.Set;

/** A provider registered for sdk-api's tests only; its client keeps the config it was given. */
public class FakeProvider implements LlmProvider {
  @Override
  public String id() {
    return "fake";
  }

  @Override
  public LlmClient create(ProviderConfig config) {
    config.require("api-key", "FAKE_API_KEY");
    return new Client(config);
  }

  /** A second provider, so error messages list more than one id. */
  public static final class Spare extends FakeProvider {
    @Override
    public String id() {
      return "spare";
    }

    @Override
    public LlmClient create(ProviderConfig config) {
      return new Client(config);
    }
  }

  /** A client without capabilities that exposes its configuration. */
  static final class Client implements LlmClient {
    final ProviderConfig config;

    Client(ProviderConfig config) {
      this.config = config;
    }

    @Override
    public String provider() {
      return config.providerId();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public ChatService chat() {
      throw new UnsupportedCapabilityException(provider(), Capability.CHAT);
    }

    @Override
    public CompletionService completions() {
      throw new UnsupportedCapabilityException(provider(), Capability.COMPLETIONS);
    }

    @Override
    public EmbeddingService embeddings() {
      throw new UnsupportedCapabilityException(provider(), Capability.EMBEDDINGS);
    }

    @Override
    public FileService files() {
      throw new UnsupportedCapabilityException(provider(), Capability.FILES);
    }

    @Override
    public FineTuningService fineTuning() {
      throw new UnsupportedCapabilityException(provider(), Capability.FINE_TUNING);
    }

    @Override
    public ModerationService moderation() {
      throw new UnsupportedCapabilityException(provider(), Capability.MODERATION);
    }

    @Override
    public ModelService models() {
      throw new UnsupportedCapabilityException(provider(), Capability.MODELS);
    }

    @Override
    public void close() {}
  }
}
