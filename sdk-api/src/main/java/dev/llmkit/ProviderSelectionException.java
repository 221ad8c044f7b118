package dev.llmkit;

import java.util.List;

/**
 * {@link Llm#client()} could not tell which provider to use: {@code llmkit.provider} is unset and
 * the classpath holds no provider or more than one, or it names a provider that is not there.
 * {@link #providers()} lists the providers found; the message says what to set.
 */
public final class ProviderSelectionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The setting that selects the provider. */
  public static final String PROPERTY = "llmkit.provider";

  private final List<String> providers;

  /** A failure with {@code message}; {@code providers} are the ids found on the classpath. */
  public ProviderSelectionException(String message, List<String> providers) {
    super(message);
    this.providers = List.copyOf(providers);
  }

  /** The ids of the providers on the classpath, sorted; empty when there are none. */
  public List<String> providers() {
    return providers;
  }

  /** The setting that chooses among {@link #providers()}: {@value #PROPERTY}. */
  public String property() {
    return PROPERTY;
  }
}
