package dev.llmkit.spring;

import dev.llmkit.LlmClient;
import dev.llmkit.openai.OpenAiClient;
import dev.llmkit.spring.internal.ConditionalOnLlmProvider;
import dev.llmkit.spring.internal.OpenAiBuilderSettings;
import dev.llmkit.spring.internal.ProviderSelection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Creates an {@link OpenAiClient} from {@code llmkit.openai.*} when {@code dev.llmkit:sdk-openai}
 * is on the class path and the openai provider is selected ({@code llmkit.provider=openai}, or only
 * OpenAI is configured). Backs off when the application defines any {@link LlmClient}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAiClient.class)
@ConditionalOnLlmProvider(ProviderSelection.OPENAI)
@EnableConfigurationProperties(OpenAiProperties.class)
public class OpenAiAutoConfiguration {

  /** The client, closed with the application context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(LlmClient.class)
  OpenAiClient openAiClient(
      OpenAiProperties properties,
      Environment environment,
      ObjectProvider<OpenAiClientCustomizer> customizers) {
    OpenAiClient.Builder builder =
        OpenAiBuilderSettings.apply(
            properties, environment.getProperty("OPENAI_API_KEY"), OpenAiClient.builder());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }
}
