package dev.llmkit.spring;

import dev.llmkit.LlmClient;
import dev.llmkit.spring.internal.Boot3LlmHealthIndicator;
import dev.llmkit.spring.internal.Boot4LlmHealthIndicator;
import dev.llmkit.spring.internal.LlmHealthProbe;
import dev.llmkit.spring.internal.OnLlmHealthEnabledCondition;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code llmkit} health indicator when the actuator is on the class path: UP with the
 * provider and its models, DOWN with the status code and error when the provider rejects the key or
 * cannot be reached within {@code llmkit.health.timeout} (10 s). Results are cached for {@code
 * llmkit.health.cache-ttl} (60 s). Turn it off with {@code management.health.llmkit.enabled=false}
 * (or {@code management.health.defaults.enabled=false}).
 *
 * <p>Spring Boot 3 and 4 keep {@code HealthIndicator} in different packages; one nested
 * configuration serves each.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnBean(LlmClient.class)
@Conditional(OnLlmHealthEnabledCondition.class)
@EnableConfigurationProperties(LlmProperties.class)
public class LlmHealthAutoConfiguration {
  /** The bean name; the actuator shows it as {@code llmkit}. */
  public static final String BEAN_NAME = "llmkitHealthIndicator";

  static LlmHealthProbe probe(LlmClient client, LlmProperties properties) {
    return new LlmHealthProbe(
        client, properties.health().cacheTtl(), properties.health().timeout(), Clock.systemUTC());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3HealthConfiguration {
    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    Boot3LlmHealthIndicator llmkitHealthIndicator(LlmClient client, LlmProperties properties) {
      return new Boot3LlmHealthIndicator(probe(client, properties));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4HealthConfiguration {
    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    Boot4LlmHealthIndicator llmkitHealthIndicator(LlmClient client, LlmProperties properties) {
      return new Boot4LlmHealthIndicator(probe(client, properties));
    }
  }
}
