package dev.llmkit.spring;

import dev.llmkit.LlmClient;
import dev.llmkit.local.LocalClient;
import dev.llmkit.spring.internal.ConditionalOnLlmProvider;
import dev.llmkit.spring.internal.LocalBuilderSettings;
import dev.llmkit.spring.internal.LocalModelChecks;
import dev.llmkit.spring.internal.ProviderSelection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Loads a GGUF model into a {@link LocalClient} from {@code llmkit.local.*} when {@code
 * dev.llmkit:sdk-local} is on the class path and the local provider is selected ({@code
 * llmkit.provider=local}, or only {@code llmkit.local.model} is configured). The model is loaded
 * (and downloaded, for {@code hf:} models) during start-up; a model that does not exist or cannot
 * be loaded stops start-up with a report naming the property. Backs off when the application
 * defines any {@link LlmClient}.
 */
@AutoConfiguration
@ConditionalOnClass(LocalClient.class)
@ConditionalOnLlmProvider(ProviderSelection.LOCAL)
@EnableConfigurationProperties(LocalModelProperties.class)
public class LocalModelAutoConfiguration {

  /** The client; closing it with the context unmaps the model and stops its threads. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(LlmClient.class)
  LocalClient localClient(
      LocalModelProperties properties, ObjectProvider<LocalClientCustomizer> customizers) {
    LocalModelChecks.requireFiles(properties);
    LocalClient.Builder builder = LocalBuilderSettings.apply(properties, LocalClient.builder());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return LocalModelChecks.load(properties, builder::build);
  }
}
