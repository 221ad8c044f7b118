package dev.llmkit.spi;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Durations;
import dev.llmkit.internal.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The options of one provider: the {@code llmkit.<id>.*} settings with that prefix removed, so
 * {@code llmkit.openai.api-key} is the key {@code api-key}. Immutable.
 *
 * <p>Keys are normalised to lower-case kebab case: {@code apiKey}, {@code api_key} and {@code
 * API-KEY} all mean {@code api-key}. Blank values count as absent. Typed getters throw {@link
 * IllegalArgumentException} naming the full property when a value does not parse; {@link #require}
 * throws {@link IllegalStateException} naming the property and, if given, its environment variable.
 * Messages never contain values of keys that look secret.
 */
public final class ProviderConfig {
  private final String providerId;
  private final Map<String, String> options;
  private final Function<String, @Nullable String> environment;

  private ProviderConfig(
      String providerId, Map<String, String> options, Function<String, @Nullable String> env) {
    this.providerId = Checks.notBlank(providerId, "providerId");
    Checks.notNull(options, "options");
    TreeMap<String, String> copy = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          Checks.notNull(k, "options key");
          if (v != null && !v.isBlank()) {
            copy.put(normalize(k), v.strip());
          }
        });
    this.options = Collections.unmodifiableMap(copy);
    this.environment = Checks.notNull(env, "environment");
  }

  /** Returns a config whose {@link #env(String)} reads the real process environment. */
  public static ProviderConfig of(String providerId, Map<String, String> options) {
    return new ProviderConfig(providerId, options, System::getenv);
  }

  /**
   * Returns a config with its own environment, e.g. {@code Map.of("OPENAI_API_KEY", "k")::get} in
   * tests.
   */
  public static ProviderConfig of(
      String providerId,
      Map<String, String> options,
      Function<String, @Nullable String> environment) {
    return new ProviderConfig(providerId, options, environment);
  }

  /** The provider these options belong to, e.g. {@code "openai"}. */
  public String providerId() {
    return providerId;
  }

  /** The full property name of {@code key}, e.g. {@code llmkit.openai.api-key}. */
  public String property(String key) {
    return "llmkit." + providerId + "." + normalize(key);
  }

  /** The options by normalised key, without the {@code llmkit.<id>.} prefix. */
  public Map<String, String> asMap() {
    return options;
  }

  /** The value of {@code key}, if set and not blank. */
  public Optional<String> string(String key) {
    return Optional.ofNullable(options.get(normalize(Checks.notNull(key, "key"))));
  }

  /** The value of {@code key}, else of environment variable {@code envVar}, if either is set. */
  public Optional<String> string(String key, String envVar) {
    Optional<String> value = string(key);
    return value.isPresent() ? value : env(envVar);
  }

  /** The value of environment variable {@code name}, if set and not blank. */
  public Optional<String> env(String name) {
    String value = environment.apply(Checks.notBlank(name, "name"));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * Returns the value of {@code key}.
   *
   * @throws IllegalStateException naming the full property, if it is not set
   */
  public String require(String key) {
    return string(key).orElseThrow(() -> missing(key, null));
  }

  /**
   * Returns the value of {@code key}, else of environment variable {@code envVar}.
   *
   * @throws IllegalStateException naming the property and the variable, if neither is set
   */
  public String require(String key, String envVar) {
    return string(key, envVar).orElseThrow(() -> missing(key, envVar));
  }

  /** The value of {@code key} as an integer. */
  public Optional<Integer> integer(String key) {
    return parse(key, "an integer such as 3", Integer::valueOf);
  }

  /** The value of {@code key} as a decimal number. */
  public Optional<Double> decimal(String key) {
    return parse(key, "a number such as 0.5", Double::valueOf);
  }

  /** The value of {@code key} as a boolean: {@code true} or {@code false}, any case. */
  public Optional<Boolean> bool(String key) {
    return parse(key, "true or false", ProviderConfig::parseBoolean);
  }

  /**
   * The value of {@code key} as a duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h},
   * {@code 1d}, ISO-8601 such as {@code PT30S}, or plain milliseconds.
   */
  public Optional<Duration> duration(String key) {
    return parse(key, "a duration such as 30s, 500ms, 2m or PT30S", Durations::parse);
  }

  /** The value of {@code key} as a file system path. */
  public Optional<Path> path(String key) {
    return parse(key, "a file system path", Path::of);
  }

  private <T> Optional<T> parse(String key, String expected, Function<String, T> parser) {
    Optional<String> raw = string(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(raw.get()));
    } catch (IllegalArgumentException e) {
      String shown = looksSecret(key) ? "(hidden)" : "'" + raw.get() + "'";
      throw new IllegalArgumentException(
          property(key) + " is " + shown + "; expected " + expected, e);
    }
  }

  private IllegalStateException missing(String key, @Nullable String envVar) {
    return new IllegalStateException(
        "llmkit provider '"
            + providerId
            + "' needs "
            + property(key)
            + (envVar != null ? " or the environment variable " + envVar : "")
            + "; set it as a system property, in llmkit.properties, or as environment variable "
            + envName(property(key)));
  }

  private static boolean parseBoolean(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean: " + value);
  }

  private static boolean looksSecret(String key) {
    String k = normalize(key);
    return k.contains("key") || k.contains("secret") || k.contains("token") || k.contains("pass");
  }

  /**
   * The environment form of a property: {@code llmkit.openai.api-key} → {@code
   * LLMKIT_OPENAI_API_KEY}.
   */
  static String envName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String normalize(String key) {
    return Settings.normalizeKey(key);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProviderConfig
        && providerId.equals(((ProviderConfig) o).providerId)
        && options.equals(((ProviderConfig) o).options);
  }

  @Override
  public int hashCode() {
    return providerId.hashCode() * 31 + options.hashCode();
  }

  /** Prints the provider and the option keys, never the values. */
  @Override
  public String toString() {
    return "ProviderConfig{provider=" + providerId + ", keys=" + options.keySet() + "}";
  }
}
