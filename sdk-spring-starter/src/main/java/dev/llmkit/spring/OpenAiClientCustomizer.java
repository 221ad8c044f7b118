package dev.llmkit.spring;

import dev.llmkit.openai.OpenAiClient;

/**
 * Adjusts the {@link OpenAiClient.Builder} after the {@code llmkit.openai.*} properties were
 * applied and before the auto-configured client is built. Beans of this type run in {@link
 * org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * OpenAiClientCustomizer tracingHeader() {
 *   return builder -> builder.header("X-Team", "search");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OpenAiClientCustomizer {
  /** Changes {@code builder} in place. */
  void customize(OpenAiClient.Builder builder);
}
