package dev.llmkit.spi;

import dev.llmkit.LlmClient;

/**
 * Creates clients for one provider. Found by {@link dev.llmkit.Llm} through {@link
 * java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/dev.llmkit.spi.LlmProvider}. Implementations need a public no-argument
 * constructor and must be cheap to instantiate: do real work in {@link #create}.
 */
public interface LlmProvider {
  /**
   * A stable lower-case id used in configuration, e.g. {@code "openai"}: {@code
   * llmkit.provider=openai} selects this provider, and its options live under {@code
   * llmkit.openai.*}.
   */
  String id();

  /**
   * Returns a new client configured from {@code config}. Provider-specific fallbacks, such as
   * reading {@code OPENAI_API_KEY}, happen here, through {@link ProviderConfig#env(String)}.
   *
   * @throws IllegalStateException if a required option is missing or invalid; {@link
   *     ProviderConfig#require} produces such messages
   */
  LlmClient create(ProviderConfig config);
}
