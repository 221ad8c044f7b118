package dev.llmkit.spring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;

/**
 * Chooses the provider from the environment: {@code llmkit.provider} if set, else the only provider
 * whose required property is set ({@code llmkit.openai.api-key}, {@code llmkit.openai.base-url} or
 * {@code llmkit.openai.azure.endpoint} for openai; {@code llmkit.local.model}, {@code
 * embedding-model} or {@code moderation-model} for local), else openai when only {@code
 * OPENAI_API_KEY} is set. Anything else is a {@link ProviderSelectionException} that says what to
 * set.
 */
public final class ProviderSelection {
  public static final String OPENAI = "openai";
  public static final String LOCAL = "local";
  static final List<String> KNOWN = List.of(OPENAI, LOCAL);
  static final String OPENAI_CLIENT = "dev.llmkit.openai.OpenAiClient";
  static final String LOCAL_CLIENT = "dev.llmkit.local.LocalClient";
  static final String ENV_API_KEY = "OPENAI_API_KEY";
  private static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";

  private ProviderSelection() {}

  /**
   * Returns {@code "openai"} or {@code "local"}.
   *
   * @throws ProviderSelectionException if no provider, or more than one, could be chosen, the
   *     chosen one is not on the class path, or lacks its required property
   */
  public static String resolve(PropertyResolver env, @Nullable ClassLoader classLoader) {
    String explicit = text(env, "llmkit.provider");
    if (explicit != null) {
      String id = explicit.toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(id)) {
        throw new ProviderSelectionException(
            "llmkit.provider is '" + explicit + "', which is not a known llmkit provider.",
            "Set llmkit.provider to one of: " + String.join(", ", KNOWN) + ".");
      }
      return checked(id, env, classLoader);
    }
    List<String> configured = new ArrayList<>();
    if (openAiConfigured(env)) {
      configured.add(OPENAI);
    }
    if (localConfigured(env)) {
      configured.add(LOCAL);
    }
    if (configured.size() == 1) {
      return checked(configured.get(0), env, classLoader);
    }
    if (configured.size() > 1) {
      throw new ProviderSelectionException(
          "Both llmkit providers are configured (llmkit.openai.* and llmkit.local.model are set)"
              + " and llmkit.provider does not say which one to use.",
          "Set llmkit.provider to one of: " + String.join(", ", KNOWN) + ".");
    }
    if (text(env, ENV_API_KEY) != null) {
      return checked(OPENAI, env, classLoader);
    }
    throw new ProviderSelectionException(
        "No llmkit provider is configured: llmkit.provider, llmkit.openai.api-key and"
            + " llmkit.local.model are all unset, and so is OPENAI_API_KEY.",
        "Set llmkit.provider to one of: "
            + String.join(", ", KNOWN)
            + ", and configure it:"
            + " llmkit.openai.api-key (or OPENAI_API_KEY) for openai, llmkit.local.model (a .gguf"
            + " path or hf:owner/repo/file.gguf) for local.");
  }

  /** Whether {@code provider}'s client class is on the class path. */
  public static boolean isPresent(String provider, @Nullable ClassLoader classLoader) {
    return ClassUtils.isPresent(
        OPENAI.equals(provider) ? OPENAI_CLIENT : LOCAL_CLIENT, classLoader);
  }

  private static String checked(String id, PropertyResolver env, @Nullable ClassLoader loader) {
    if (!isPresent(id, loader)) {
      String other = OPENAI.equals(id) ? LOCAL : OPENAI;
      String artifact = OPENAI.equals(id) ? "sdk-openai" : "sdk-local";
      throw new ProviderSelectionException(
          "llmkit provider '"
              + id
              + "' is selected but dev.llmkit:"
              + artifact
              + " is not on the class path.",
          "Add the dependency dev.llmkit:"
              + artifact
              + ", or set llmkit.provider to "
              + other
              + (isPresent(other, loader) ? "." : " and add its module."));
    }
    if (OPENAI.equals(id) && !openAiConfigured(env) && text(env, ENV_API_KEY) == null) {
      throw new ProviderSelectionException(
          "llmkit provider 'openai' is selected but llmkit.openai.api-key is not set.",
          "Set llmkit.openai.api-key or the environment variable OPENAI_API_KEY (for an"
              + " OpenAI-compatible server without a key, set llmkit.openai.base-url instead).");
    }
    if (LOCAL.equals(id) && !localConfigured(env)) {
      throw new ProviderSelectionException(
          "llmkit provider 'local' is selected but llmkit.local.model is not set.",
          "Set llmkit.local.model to a .gguf file path or hf:owner/repo/file.gguf (or only"
              + " llmkit.local.embedding-model or llmkit.local.moderation-model for a client that"
              + " only embeds or moderates).");
    }
    return id;
  }

  /** A chat model, or an embedding or guard model alone (a client that embeds or moderates). */
  private static boolean localConfigured(PropertyResolver env) {
    return text(env, "llmkit.local.model") != null
        || text(env, "llmkit.local.embedding-model") != null
        || text(env, "llmkit.local.moderation-model") != null;
  }

  private static boolean openAiConfigured(PropertyResolver env) {
    if (text(env, "llmkit.openai.api-key") != null
        || text(env, "llmkit.openai.azure.endpoint") != null) {
      return true;
    }
    String url = text(env, "llmkit.openai.base-url");
    return url != null && !url.replaceAll("/+$", "").equals(DEFAULT_OPENAI_URL);
  }

  static @Nullable String text(PropertyResolver env, String name) {
    String value = env.getProperty(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
