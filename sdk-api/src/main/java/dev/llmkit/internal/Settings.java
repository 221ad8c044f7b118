package dev.llmkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Reads and merges {@code llmkit.*} settings from system properties, environment and a file. */
public final class Settings {
  /** The setting that selects the provider. */
  public static final String PROVIDER = "llmkit.provider";

  /** The environment variable that selects the provider. */
  public static final String PROVIDER_ENV = "LLMKIT_PROVIDER";

  /** The classpath resource read by {@code Llm.client()}. */
  public static final String RESOURCE = "llmkit.properties";

  private Settings() {}

  /**
   * Returns every {@code llmkit.*} setting with normalised keys. A system property wins over an
   * environment variable ({@code LLMKIT_OPENAI_API_KEY} is {@code llmkit.openai.api-key}), which
   * wins over the properties file.
   */
  public static Map<String, String> merge(
      Map<String, String> systemProperties, Map<String, String> env, Map<String, String> file) {
    Map<String, String> merged = new TreeMap<>();
    putAll(merged, file);
    env.forEach(
        (name, value) -> {
          String key = envToProperty(name);
          if (key != null && value != null && !value.isBlank()) {
            merged.put(key, value.strip());
          }
        });
    putAll(merged, systemProperties);
    return merged;
  }

  private static void putAll(Map<String, String> into, Map<String, String> from) {
    from.forEach(
        (key, value) -> {
          String normalized = normalizeProperty(key);
          if (normalized != null && value != null && !value.isBlank()) {
            into.put(normalized, value.strip());
          }
        });
  }

  /**
   * Returns {@code llmkit.<id>.<option>} with a lower-case id and a kebab-case option, {@code
   * llmkit.provider} as is, or null for keys outside {@code llmkit.}.
   */
  public static @Nullable String normalizeProperty(@Nullable String key) {
    if (key == null || !key.strip().toLowerCase(Locale.ROOT).startsWith("llmkit.")) {
      return null;
    }
    String rest = key.strip().substring("llmkit.".length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      return "llmkit." + normalizeKey(rest);
    }
    return "llmkit."
        + rest.substring(0, dot).toLowerCase(Locale.ROOT)
        + "."
        + normalizeKey(rest.substring(dot + 1));
  }

  /** {@code LLMKIT_OPENAI_API_KEY} → {@code llmkit.openai.api-key}; null for other variables. */
  public static @Nullable String envToProperty(@Nullable String name) {
    if (name == null || !name.startsWith("LLMKIT_") || name.length() == "LLMKIT_".length()) {
      return null;
    }
    String rest = name.substring("LLMKIT_".length()).toLowerCase(Locale.ROOT);
    if (rest.equals("provider")) {
      return PROVIDER;
    }
    int sep = rest.indexOf('_');
    if (sep <= 0 || sep == rest.length() - 1) {
      return null;
    }
    return "llmkit." + rest.substring(0, sep) + "." + rest.substring(sep + 1).replace('_', '-');
  }

  /** Lower-case kebab case: {@code apiKey}, {@code api_key}, {@code API-KEY} → {@code api-key}. */
  public static String normalizeKey(String key) {
    String kebab = key.strip().replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-');
    return kebab.toLowerCase(Locale.ROOT);
  }

  /** Returns the options of {@code providerId}: its settings with {@code llmkit.<id>.} removed. */
  public static Map<String, String> optionsOf(String providerId, Map<String, String> settings) {
    String prefix = "llmkit." + providerId + ".";
    Map<String, String> options = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && key.length() > prefix.length()) {
            options.put(key.substring(prefix.length()), value);
          }
        });
    return options;
  }

  /** Reads {@link #RESOURCE} from {@code loader}; empty when there is none. */
  public static Map<String, String> loadResource(ClassLoader loader) {
    URL url = loader.getResource(RESOURCE);
    if (url == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (InputStream in = url.openStream();
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      result.put(name, properties.getProperty(name));
    }
    return result;
  }

  /** Returns the {@code llmkit.*} system properties. */
  public static Map<String, String> systemProperties() {
    Map<String, String> result = new LinkedHashMap<>();
    Properties properties = System.getProperties();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("llmkit.")) {
        result.put(name, properties.getProperty(name));
      }
    }
    return result;
  }
}
