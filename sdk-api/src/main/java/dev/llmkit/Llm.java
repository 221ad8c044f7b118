package dev.llmkit;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Settings;
import dev.llmkit.spi.LlmProvider;
import dev.llmkit.spi.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates an {@link LlmClient} for the provider chosen by configuration. Providers are found on the
 * classpath with {@link ServiceLoader} (add {@code sdk-openai} or {@code sdk-local}).
 *
 * <pre>{@code
 * try (LlmClient llm = Llm.client()) {           // llmkit.provider=openai
 *   ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello").build();
 *   System.out.println(llm.chat().chat(request).text());
 * }
 * }</pre>
 *
 * <p>{@link #client()} reads {@code llmkit.*} settings from system properties, then environment
 * variables ({@code LLMKIT_PROVIDER}, {@code LLMKIT_OPENAI_API_KEY} for {@code
 * llmkit.openai.api-key}, …), then an {@code llmkit.properties} resource on the classpath; the
 * first source that sets a key wins. {@code llmkit.provider} names the provider; without it, the
 * one provider on the classpath is used. The options under {@code llmkit.<provider>.} go to it as a
 * {@link ProviderConfig}. Fallbacks such as {@code OPENAI_API_KEY} are applied by the provider.
 *
 * <p>Building a provider's client directly ({@code OpenAiClient.builder()...}) needs none of this.
 */
public final class Llm {
  private Llm() {}

  /**
   * Returns a client configured from system properties, environment and {@code llmkit.properties}.
   *
   * @throws ProviderSelectionException if {@code llmkit.provider} is unset and the classpath holds
   *     no provider or several, or it names one that is not on the classpath (the exception lists
   *     those found)
   * @throws IllegalStateException if a required option is missing
   */
  public static LlmClient client() {
    ClassLoader loader = classLoader();
    return fromSources(
        Settings.systemProperties(), System.getenv(), Settings.loadResource(loader), loader);
  }

  /**
   * Returns a client configured from {@code settings} only: {@code llmkit.provider} (optional with
   * one provider on the classpath) and {@code llmkit.<provider>.*} keys. The provider may still
   * read its own environment fallbacks.
   *
   * @throws ProviderSelectionException if {@code llmkit.provider} is missing and the classpath
   *     holds no provider or several, or it names no provider found
   */
  public static LlmClient client(Map<String, String> settings) {
    Checks.notNull(settings, "settings");
    return fromSources(Map.of(), Map.of(), settings, classLoader(), System::getenv);
  }

  /**
   * Returns a client of provider {@code providerId} with {@code options}. Option keys may carry the
   * {@code llmkit.<providerId>.} prefix or not: {@code api-key} and {@code llmkit.openai.api-key}
   * are the same option.
   *
   * @throws ProviderSelectionException if no provider with that id is found (it lists those found)
   * @throws IllegalStateException if a required option is missing
   */
  public static LlmClient client(String providerId, Map<String, String> options) {
    Checks.notBlank(providerId, "providerId");
    Checks.notNull(options, "options");
    String id = providerId.strip().toLowerCase(Locale.ROOT);
    String prefix = "llmkit." + id + ".";
    Map<String, String> stripped = new LinkedHashMap<>();
    options.forEach(
        (key, value) -> {
          boolean prefixed = key.toLowerCase(Locale.ROOT).startsWith(prefix);
          stripped.put(prefixed ? key.substring(prefix.length()) : key, value);
        });
    LlmProvider provider = find(id, classLoader());
    return provider.create(ProviderConfig.of(id, stripped, System::getenv));
  }

  /** The ids of the providers on the classpath, sorted. */
  public static Set<String> providerIds() {
    return providers(classLoader()).keySet();
  }

  /** Package-private for tests: explicit sources instead of the real process state. */
  static LlmClient fromSources(
      Map<String, String> systemProperties,
      Map<String, String> env,
      Map<String, String> file,
      ClassLoader loader) {
    return fromSources(systemProperties, env, file, loader, env::get);
  }

  private static LlmClient fromSources(
      Map<String, String> systemProperties,
      Map<String, String> env,
      Map<String, String> file,
      ClassLoader loader,
      Function<String, @Nullable String> environment) {
    Map<String, String> settings = Settings.merge(systemProperties, env, file);
    String id = settings.get(Settings.PROVIDER);
    String providerId = id == null ? onlyProvider(loader) : id.toLowerCase(Locale.ROOT);
    LlmProvider provider = find(providerId, loader);
    Map<String, String> options = Settings.optionsOf(providerId, settings);
    return provider.create(ProviderConfig.of(providerId, options, environment));
  }

  /** The id of the single provider on the classpath, used when {@code llmkit.provider} is unset. */
  private static String onlyProvider(ClassLoader loader) {
    Set<String> ids = providers(loader).keySet();
    if (ids.size() == 1) {
      return ids.iterator().next();
    }
    String how =
        "set the system property "
            + Settings.PROVIDER
            + " or the environment variable "
            + Settings.PROVIDER_ENV
            + " (or "
            + Settings.PROVIDER
            + " in "
            + Settings.RESOURCE
            + ")";
    throw new ProviderSelectionException(
        ids.isEmpty()
            ? "no llmkit provider on the classpath: " + describe(ids)
            : "no llmkit provider selected and "
                + ids.size()
                + " are on the classpath ("
                + String.join(", ", ids)
                + "); "
                + how
                + " to one of them",
        List.copyOf(ids));
  }

  private static LlmProvider find(String id, ClassLoader loader) {
    Map<String, LlmProvider> providers = providers(loader);
    LlmProvider provider = providers.get(id);
    if (provider == null) {
      throw new ProviderSelectionException(
          "no llmkit provider '" + id + "'; found: " + describe(providers.keySet()),
          List.copyOf(providers.keySet()));
    }
    return provider;
  }

  private static Map<String, LlmProvider> providers(ClassLoader loader) {
    Map<String, LlmProvider> result = new TreeMap<>();
    try {
      for (LlmProvider provider : ServiceLoader.load(LlmProvider.class, loader)) {
        result.putIfAbsent(provider.id().toLowerCase(Locale.ROOT), provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("cannot load llmkit providers: " + e.getMessage(), e);
    }
    return result;
  }

  private static String describe(Set<String> ids) {
    return ids.isEmpty()
        ? "none (add dev.llmkit:sdk-openai or dev.llmkit:sdk-local to the classpath)"
        : String.join(", ", ids);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Llm.class.getClassLoader();
  }
}
