package dev.llmkit.spring.internal;

import dev.llmkit.spring.LlmProperties;
import dev.llmkit.spring.LocalModelProperties;
import dev.llmkit.spring.OpenAiProperties;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Warns once per start-up about each {@code llmkit.*} property (or {@code LLMKIT_*} environment
 * variable) that no llmkit setting reads, e.g. a misspelled {@code llmkit.local.temprature}, with
 * the closest known property. It runs as a bean factory post-processor, before any llmkit bean is
 * created, so the warning comes before a start-up failure the misspelling may cause.
 *
 * <p>Known properties are the components of {@link LlmProperties}, {@link OpenAiProperties} and
 * {@link LocalModelProperties} (what the configuration metadata lists), plus the engine switches
 * that only JVM system properties set ({@code llmkit.local.vector}, {@code
 * llmkit.local.heap-weights}). Names are compared in Spring's relaxed form: case, {@code -} and
 * {@code _} do not matter.
 */
public final class UnknownPropertyWarnings implements BeanFactoryPostProcessor, EnvironmentAware {
  private static final Log LOG = LogFactory.getLog(UnknownPropertyWarnings.class);

  /** Read by the local engine from JVM system properties, not by the starter. */
  private static final List<String> SYSTEM_PROPERTY_KEYS =
      List.of("llmkit.local.vector", "llmkit.local.heap-weights");

  /** Keys Llm.client() reads (llmkit.properties, system properties), with the starter's own. */
  private static final Map<String, String> NOT_BOUND_KEYS =
      Map.of(
          "llmkit.local.fine-tuning-concurrency", "llmkit.local.fine-tuning.max-concurrent-jobs",
          "llmkit.local.fine-tuning-threads", "llmkit.local.fine-tuning.threads",
          "llmkit.local.fine-tuning-memory-limit", "llmkit.local.fine-tuning.memory-limit");

  private static final List<String> KNOWN = knownKeys();

  /** Environment variables checked: those of the starter's property groups. */
  private static final List<String> ENVIRONMENT_GROUPS =
      List.of(
          "llmkit_provider",
          "llmkit_openai_",
          "llmkit_local_",
          "llmkit_health_",
          "llmkit_metrics_");

  private @Nullable Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (environment instanceof ConfigurableEnvironment env) {
      warnings(env).forEach(LOG::warn);
    }
  }

  /** The warning of each unknown llmkit property in {@code environment}, one per property. */
  public static List<String> warnings(ConfigurableEnvironment environment) {
    Map<String, String> unknown = new LinkedHashMap<>(); // canonical name -> warning
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      boolean env =
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
      boolean systemProperties =
          StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName());
      for (String name : enumerable.getPropertyNames()) {
        String canonical = env ? environmentCanonical(name) : canonical(name);
        if (canonical == null || unknown.containsKey(canonical)) {
          continue;
        }
        String warning = warning(name, canonical, env, systemProperties, source.getName());
        if (warning != null) {
          unknown.put(canonical, warning);
        }
      }
    }
    return new ArrayList<>(unknown.values());
  }

  private static @Nullable String warning(
      String name, String canonical, boolean env, boolean systemProperties, String source) {
    for (String key : SYSTEM_PROPERTY_KEYS) {
      if (matches(canonical, key, env)) {
        return systemProperties
            ? null
            : name
                + " (from "
                + source
                + ") is ignored: the local"
                + " engine reads it only as a JVM system property; start the JVM with -D"
                + key
                + "=... instead.";
      }
    }
    for (Map.Entry<String, String> key : NOT_BOUND_KEYS.entrySet()) {
      if (matches(canonical, key.getKey(), env)) {
        return name
            + " (from "
            + source
            + ") is ignored: the Spring starter reads "
            + key.getValue()
            + " instead; "
            + key.getKey()
            + " is for Llm.client()"
            + " (llmkit.properties or a system property).";
      }
    }
    for (String key : KNOWN) {
      if (matches(canonical, key, env)) {
        return null;
      }
    }
    return "Unknown property "
        + name
        + " (from "
        + source
        + ") is ignored; did you mean "
        + closest(canonical, env)
        + "?";
  }

  /** Whether {@code canonical} names {@code key}, or lies below it when key ends in ".*". */
  private static boolean matches(String canonical, String key, boolean env) {
    boolean map = key.endsWith(".*");
    String base = knownCanonical(map ? key.substring(0, key.length() - 2) : key);
    if (env) { // LLMKIT_OPENAI_HEADERS_X_TEAM: segments are lost, compare without dots
      String flat = base.replace(".", "");
      return map
          ? canonical.startsWith(flat) && canonical.length() > flat.length()
          : canonical.equals(flat);
    }
    return map ? canonical.startsWith(base + ".") : canonical.equals(base);
  }

  private static String closest(String canonical, boolean env) {
    String best = KNOWN.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String key : KNOWN) {
      String candidate =
          knownCanonical(key.endsWith(".*") ? key.substring(0, key.length() - 2) : key);
      int d = distance(canonical, env ? candidate.replace(".", "") : candidate);
      if (d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    return best.endsWith(".*") ? best.substring(0, best.length() - 2) + ".<name>" : best;
  }

  /**
   * {@code llmkit.local.cacheDir} and {@code llmkit.local.cache_dir} become {@code ...cachedir}.
   */
  /** {@link #canonical} of one of the starter's own keys, which all start with "llmkit.". */
  private static String knownCanonical(String key) {
    return Objects.requireNonNull(canonical(key), key);
  }

  static @Nullable String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int bracket = n.indexOf('[');
    if (bracket >= 0) {
      n = n.substring(0, bracket) + "." + n.substring(bracket + 1).replace("]", "");
    }
    if (!n.startsWith("llmkit.")) {
      return null;
    }
    return n.replace("-", "").replace("_", "");
  }

  /**
   * {@code LLMKIT_LOCAL_CACHE_DIR} becomes {@code llmkitlocalcachedir}; variables outside the
   * starter's groups (such as a build's {@code LLMKIT_SHARED_MODELS}) are not settings: null.
   */
  private static @Nullable String environmentCanonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String group : ENVIRONMENT_GROUPS) {
      if (n.startsWith(group)) {
        return n.replace("_", "").replace("-", "").replace(".", "");
      }
    }
    return null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Every property of the starter's records, kebab-case; maps end in ".*". */
  static List<String> knownKeys() {
    List<String> keys = new ArrayList<>();
    collect(LlmProperties.PREFIX, LlmProperties.class, keys);
    collect(OpenAiProperties.PREFIX, OpenAiProperties.class, keys);
    collect(LocalModelProperties.PREFIX, LocalModelProperties.class, keys);
    keys.add("llmkit.cli.relaunch"); // the llmkit command line's own switch
    return List.copyOf(keys);
  }

  private static void collect(String prefix, Class<?> type, List<String> keys) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + kebab(component.getName());
      Class<?> value = component.getType();
      if (value.isRecord()) {
        collect(key, value, keys);
      } else if (Map.class.isAssignableFrom(value)) {
        keys.add(key + ".*");
      } else {
        keys.add(key);
      }
    }
  }

  private static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
