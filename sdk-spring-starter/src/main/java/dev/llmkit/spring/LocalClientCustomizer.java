package dev.llmkit.spring;

import dev.llmkit.local.LocalClient;

/**
 * Adjusts the {@link LocalClient.Builder} after the {@code llmkit.local.*} properties were applied
 * and before the model is loaded, e.g. to set sampling defaults. Beans of this type run in {@link
 * org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * LocalClientCustomizer greedy() {
 *   return builder -> builder.temperature(0).seed(42);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LocalClientCustomizer {
  /** Changes {@code builder} in place. */
  void customize(LocalClient.Builder builder);
}
