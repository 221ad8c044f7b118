package dev.llmkit.spring;

import dev.llmkit.LlmClient;
import dev.llmkit.spring.internal.metrics.LlmMetricsPostProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Records Micrometer meters around the auto-configured capability services when Micrometer is on
 * the class path and a {@link MeterRegistry} bean exists: {@code llmkit.requests} (timer; tags
 * capability, model, provider, outcome), {@code llmkit.tokens} (counter; tag type = input |
 * output), {@code llmkit.stream.first-token} (timer) and {@code llmkit.errors} (counter; tag type =
 * exception class). Turn it off with {@code llmkit.metrics.enabled=false}.
 *
 * <p>Calls made through {@link LlmClient} directly (not the injected services) are not measured.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "llmkit.metrics", name = "enabled", matchIfMissing = true)
public class LlmMetricsAutoConfiguration {

  @Bean
  static LlmMetricsPostProcessor llmkitMetricsPostProcessor(
      ObjectProvider<MeterRegistry> registry, ObjectProvider<LlmClient> client) {
    return new LlmMetricsPostProcessor(LlmAutoConfiguration.SERVICE_BEAN_NAMES, registry, client);
  }
}
