package dev.llmkit.spring;

import dev.llmkit.Capability;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatService;
import dev.llmkit.completion.CompletionService;
import dev.llmkit.embedding.EmbeddingService;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.model.ModelService;
import dev.llmkit.moderation.ModerationService;
import dev.llmkit.spring.internal.CapabilityServiceFactoryBean;
import dev.llmkit.spring.internal.ProviderSelection;
import dev.llmkit.spring.internal.ProviderSelectionException;
import dev.llmkit.spring.internal.UnknownPropertyWarnings;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Exposes the capability services of the {@link LlmClient} bean: {@link ChatService}, {@link
 * CompletionService}, {@link EmbeddingService}, {@link FileService}, {@link FineTuningService},
 * {@link ModerationService} and {@link ModelService}, each only if the client offers it and the
 * application defines no bean of that type.
 *
 * <p>Runs after the provider auto-configurations. When none of them created a client and the
 * application defined none, start-up fails with a report saying what to set ({@code
 * llmkit.provider}, {@code llmkit.openai.api-key} or {@code llmkit.local.model}).
 */
@AutoConfiguration(after = {OpenAiAutoConfiguration.class, LocalModelAutoConfiguration.class})
@EnableConfigurationProperties(LlmProperties.class)
public class LlmAutoConfiguration implements BeanFactoryAware, BeanClassLoaderAware {
  /** Names of the service beans this configuration defines, in {@link Capability} order. */
  public static final List<String> SERVICE_BEAN_NAMES =
      List.of(
          "llmkitChatService",
          "llmkitCompletionService",
          "llmkitEmbeddingService",
          "llmkitFileService",
          "llmkitFineTuningService",
          "llmkitModerationService",
          "llmkitModelService");

  private @Nullable ListableBeanFactory beanFactory;

  /** The first failure to create the client, shared by the service beans (created once). */
  private final AtomicReference<@Nullable BeansException> clientFailure = new AtomicReference<>();

  private @Nullable ClassLoader classLoader;

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = (ListableBeanFactory) beanFactory;
  }

  /**
   * The service bean of {@code capability}. The factory bean's type stays raw on the {@code @Bean}
   * methods so that Spring asks it for the product type (see {@link CapabilityServiceFactoryBean}).
   */
  @SuppressWarnings("rawtypes")
  private CapabilityServiceFactoryBean service(Capability capability) {
    return new CapabilityServiceFactoryBean<>(
        Objects.requireNonNull(beanFactory, "beanFactory not set"), capability, clientFailure);
  }

  /** Logs a warning for each {@code llmkit.*} property no llmkit setting reads. */
  @Bean
  static UnknownPropertyWarnings llmkitUnknownPropertyWarnings() {
    return new UnknownPropertyWarnings();
  }

  /**
   * Reached only when no provider auto-configuration created a client: fails start-up with the
   * reason, e.g. that {@code llmkit.provider} is unset while both providers are configured.
   */
  @Bean
  @ConditionalOnMissingBean(LlmClient.class)
  LlmClient llmClient(Environment environment) {
    String chosen = ProviderSelection.resolve(environment, classLoader);
    String configuration =
        ProviderSelection.OPENAI.equals(chosen)
            ? OpenAiAutoConfiguration.class.getName()
            : LocalModelAutoConfiguration.class.getName();
    throw new ProviderSelectionException(
        "llmkit provider '" + chosen + "' is selected but no LlmClient was created.",
        "Do not exclude " + configuration + ", or define an LlmClient bean.");
  }

  @Bean
  @ConditionalOnMissingBean(ChatService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitChatService() {
    return service(Capability.CHAT);
  }

  @Bean
  @ConditionalOnMissingBean(CompletionService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitCompletionService() {
    return service(Capability.COMPLETIONS);
  }

  @Bean
  @ConditionalOnMissingBean(EmbeddingService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitEmbeddingService() {
    return service(Capability.EMBEDDINGS);
  }

  @Bean
  @ConditionalOnMissingBean(FileService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitFileService() {
    return service(Capability.FILES);
  }

  @Bean
  @ConditionalOnMissingBean(FineTuningService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitFineTuningService() {
    return service(Capability.FINE_TUNING);
  }

  @Bean
  @ConditionalOnMissingBean(ModerationService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitModerationService() {
    return service(Capability.MODERATION);
  }

  @Bean
  @ConditionalOnMissingBean(ModelService.class)
  @SuppressWarnings("rawtypes")
  CapabilityServiceFactoryBean llmkitModelService() {
    return service(Capability.MODELS);
  }
}
