package dev.llmkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Merges {@code llmkit.*} settings from the places the command line reads, highest first: command
 * flags, system properties, environment variables ({@code LLMKIT_OPENAI_API_KEY} is {@code
 * llmkit.openai.api-key}), then {@code llmkit.properties} in the working directory and on the
 * classpath. Keys are normalised to {@code llmkit.<provider>.<kebab-case-option>}, as {@code
 * Llm.client()} does.
 */
final class ConfigSources {
  static final String PROVIDER = "llmkit.provider";
  static final String FILE = "llmkit.properties";

  private final Map<String, String> systemProperties;
  private final Map<String, String> env;
  private final Path workingDir;

  ConfigSources(Map<String, String> systemProperties, Map<String, String> env, Path workingDir) {
    this.systemProperties = systemProperties;
    this.env = env;
    this.workingDir = workingDir;
  }

  static ConfigSources ofProcess() {
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(name -> props.put(name, System.getProperty(name)));
    return new ConfigSources(props, System.getenv(), Path.of(""));
  }

  /** The process environment as these sources see it (tests substitute their own). */
  Map<String, String> env() {
    return env;
  }

  /** Returns every setting below the flags: system properties over env over files. */
  Map<String, String> merged() {
    Map<String, String> merged = new TreeMap<>();
    putAll(merged, classpathFile());
    putAll(merged, workingDirFile());
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

  static void putAll(Map<String, String> into, Map<String, String> from) {
    from.forEach(
        (key, value) -> {
          String normalized = normalizeProperty(key);
          if (normalized != null && value != null && !value.isBlank()) {
            into.put(normalized, value.strip());
          }
        });
  }

  /** {@code llmkit.OpenAI.apiKey} → {@code llmkit.openai.api-key}; null for other keys. */
  static @Nullable String normalizeProperty(String key) {
    String k = key.strip();
    if (!k.toLowerCase(Locale.ROOT).startsWith("llmkit.")) {
      return null;
    }
    String rest = k.substring("llmkit.".length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      return "llmkit." + kebab(rest);
    }
    return "llmkit."
        + rest.substring(0, dot).toLowerCase(Locale.ROOT)
        + "."
        + kebab(rest.substring(dot + 1));
  }

  /** {@code LLMKIT_OPENAI_API_KEY} → {@code llmkit.openai.api-key}; null for other names. */
  static @Nullable String envToProperty(String name) {
    if (!name.startsWith("LLMKIT_") || name.length() == "LLMKIT_".length()) {
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

  private static String kebab(String key) {
    return key.strip()
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .replace('_', '-')
        .toLowerCase(Locale.ROOT);
  }

  private Map<String, String> workingDirFile() {
    Path file = workingDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private static Map<String, String> classpathFile() {
    URL url = ConfigSources.class.getClassLoader().getResource(FILE);
    if (url == null) {
      return Map.of();
    }
    try (InputStream in = url.openStream()) {
      return load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  private static Map<String, String> load(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> result = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(n -> result.put(n, properties.getProperty(n)));
    return result;
  }
}
