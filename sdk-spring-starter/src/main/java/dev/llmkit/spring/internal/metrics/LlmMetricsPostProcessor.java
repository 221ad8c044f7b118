package dev.llmkit.spring.internal.metrics;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the starter's own capability service beans (by name; an application's own service beans are
 * left alone) with meter-recording decorators, once a {@link MeterRegistry} bean exists.
 */
public final class LlmMetricsPostProcessor implements BeanPostProcessor {
  private final List<String> beanNames;
  private final ObjectProvider<MeterRegistry> registry;
  private final ObjectProvider<LlmClient> client;

  public LlmMetricsPostProcessor(
      List<String> beanNames,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<LlmClient> client) {
    this.beanNames = List.copyOf(beanNames);
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.client = Objects.requireNonNull(client, "client == null");
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!beanNames.contains(beanName) || !isService(bean)) {
      return bean; // also skips the factory beans that produce the services
    }
    MeterRegistry meterRegistry = registry.getIfUnique();
    LlmClient llmClient = client.getIfUnique();
    if (meterRegistry == null || llmClient == null) {
      return bean;
    }
    return decorate(bean, new LlmMeters(meterRegistry, llmClient.provider()));
  }

  /** Returns {@code service} wrapped so that its calls record {@link LlmMeters}. */
  public static Object decorate(Object service, LlmMeters meters) {
    if (service instanceof ChatService) {
      return new MeteredChatService((ChatService) service, meters);
    }
    if (service instanceof CompletionService) {
      return new MeteredCompletionService((CompletionService) service, meters);
    }
    if (service instanceof EmbeddingService) {
      return new MeteredEmbeddingService((EmbeddingService) service, meters);
    }
    if (service instanceof FileService) {
      return MeteredServiceProxy.wrap(
          FileService.class, (FileService) service, Capability.FILES, meters);
    }
    if (service instanceof FineTuningService) {
      return MeteredServiceProxy.wrap(
          FineTuningService.class, (FineTuningService) service, Capability.FINE_TUNING, meters);
    }
    if (service instanceof ModerationService) {
      return MeteredServiceProxy.wrap(
          ModerationService.class, (ModerationService) service, Capability.MODERATION, meters);
    }
    if (service instanceof ModelService) {
      return MeteredServiceProxy.wrap(
          ModelService.class, (ModelService) service, Capability.MODELS, meters);
    }
    return service;
  }

  private static boolean isService(Object bean) {
    return bean instanceof ChatService
        || bean instanceof CompletionService
        || bean instanceof EmbeddingService
        || bean instanceof FileService
        || bean instanceof FineTuningService
        || bean instanceof ModerationService
        || bean instanceof ModelService;
  }
}
