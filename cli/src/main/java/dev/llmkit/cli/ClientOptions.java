package dev.llmkit.cli;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Provider settings shared by every command. Flags win over system properties, which win over
 * environment variables, which win over {@code llmkit.properties}; the merged {@code llmkit.*} map
 * goes to {@link Llm#client(Map)}.
 */
final class ClientOptions {
  /** The provider used when none is configured. */
  static final String DEFAULT_PROVIDER = "local";

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      description = "Provider id: local or openai (llmkit.provider). Default: local.")
  @Nullable String provider;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "API root (llmkit.<provider>.base-url); for local, where hf: models are"
              + " downloaded from (llmkit.local.download-base-url).")
  @Nullable String baseUrl;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key (llmkit.<provider>.api-key); default from OPENAI_API_KEY.")
  @Nullable String apiKey;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Model (llmkit.<provider>.model): a model name for openai, a .gguf file or"
              + " hf:<owner>/<repo>/<file>.gguf for local.")
  @Nullable String model;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description =
          "Any llmkit setting, e.g. -Dllmkit.openai.timeout=30s or"
              + " --set local.threads=2 (the llmkit. prefix is optional).")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--debug", description = "Print the stack trace of an error.")
  boolean debug;

  private @Nullable Map<String, String> settings;

  /** The merged {@code llmkit.*} settings, with {@code llmkit.provider} always set. */
  Map<String, String> settings() {
    if (settings != null) {
      return settings;
    }
    LlmkitCommand root = LlmkitCommand.of(mixee);
    Map<String, String> merged = root.sources().merged();
    Map<String, String> flags = new LinkedHashMap<>();
    set.forEach(
        (key, value) -> {
          String k = key.strip();
          flags.put(k.toLowerCase(Locale.ROOT).startsWith("llmkit.") ? k : "llmkit." + k, value);
        });
    ConfigSources.putAll(merged, flags);
    if (provider != null) {
      merged.put(ConfigSources.PROVIDER, provider.strip().toLowerCase(Locale.ROOT));
    }
    String id =
        merged
            .computeIfAbsent(ConfigSources.PROVIDER, k -> DEFAULT_PROVIDER)
            .toLowerCase(Locale.ROOT);
    merged.put(ConfigSources.PROVIDER, id);
    String prefix = "llmkit." + id + ".";
    if (baseUrl != null) {
      merged.put(prefix + (id.equals("local") ? "download-base-url" : "base-url"), baseUrl);
    }
    if (apiKey != null) {
      merged.put(prefix + "api-key", apiKey);
    }
    if (model != null) {
      merged.put(prefix + "model", model);
    }
    merged.forEach(
        (key, value) -> {
          if (ArgSecrets.isSecretName(key.substring(key.lastIndexOf('.') + 1))) {
            root.secret(value);
          }
        });
    root.secret(root.sources().env().get("OPENAI_API_KEY"));
    settings = merged;
    return merged;
  }

  /** The selected provider id, e.g. {@code local}. */
  String providerId() {
    return settings().getOrDefault(ConfigSources.PROVIDER, DEFAULT_PROVIDER);
  }

  /** The value of {@code llmkit.<provider>.<option>}, if set. */
  @Nullable String option(String option) {
    return settings().get("llmkit." + providerId() + "." + option);
  }

  /** The request model: {@code --model}, {@code llmkit.<provider>.model}, else {@code fallback}. */
  String requestModel(String fallback) {
    String configured = option("model");
    return configured != null ? configured : fallback;
  }

  /**
   * The local model a command loads: {@code --model} ({@code llmkit.local.model}) names it unless
   * its own setting is given, and the others are not loaded. {@link #NONE} loads no model (files).
   */
  enum LocalModel {
    CHAT("model", "a chat GGUF"),
    EMBEDDING("embedding-model", "an embedding GGUF such as all-MiniLM-L6-v2"),
    MODERATION("moderation-model", "a Llama Guard 3 GGUF"),
    NONE("", "");

    private static final List<String> KEYS =
        List.of(
            "llmkit.local.model", "llmkit.local.embedding-model", "llmkit.local.moderation-model");

    final String option;
    final String what;

    LocalModel(String option, String what) {
      this.option = option;
      this.what = what;
    }

    /**
     * {@code settings} as this role loads them: all of them for {@link #CHAT}, else only this
     * role's model key, which {@code --model} fills unless it is set.
     */
    Map<String, String> settings(Map<String, String> settings) {
      if (this == CHAT) {
        return settings;
      }
      Map<String, String> adjusted = new LinkedHashMap<>(settings);
      String key = "llmkit.local." + option;
      String own = adjusted.get(key);
      String model = adjusted.get("llmkit.local.model");
      KEYS.forEach(adjusted::remove);
      String chosen = own != null ? own : model;
      if (this != NONE && chosen != null) {
        adjusted.put(key, chosen);
      }
      return adjusted;
    }
  }

  /** {@link #openClient(LocalModel)} for a command that runs the chat model. */
  LlmClient openClient() {
    return openClient(LocalModel.CHAT);
  }

  /**
   * Opens a client of the selected provider; the caller closes it. What a command line lacks is
   * named by its flag: {@code --model}, {@code --api-key}, a {@code --base-url} without scheme. A
   * local client loads only the model {@code role} needs (none for files).
   */
  LlmClient openClient(LocalModel role) {
    String id = providerId();
    Map<String, String> settings =
        id.equals(DEFAULT_PROVIDER) ? role.settings(settings()) : settings();
    boolean local = id.equals(DEFAULT_PROVIDER);
    String urlOption = local ? "download-base-url" : "base-url";
    String url = option(urlOption);
    if (url != null && !url.strip().matches("(?i)https?://\\S+")) {
      throw new IllegalArgumentException(
          (baseUrl != null ? "--base-url" : "llmkit." + id + "." + urlOption)
              + " is '"
              + url
              + "', which has no http:// or https:// scheme; write"
              + " http://"
              + url.strip()
              + " (or https://...)");
    }
    if (local && role != LocalModel.NONE && settings.get("llmkit.local." + role.option) == null) {
      throw new IllegalStateException(
          (role == LocalModel.CHAT ? "no local model" : "no local " + role.option)
              + ": give --model FILE.gguf or --model"
              + " hf:<owner>/<repo>/<file>.gguf"
              + (role == LocalModel.CHAT ? "" : " (" + role.what + ")")
              + " (or set llmkit.local."
              + role.option
              + ")");
    }
    if (id.equals("openai")) {
      LlmkitCommand.of(mixee).apiBaseUrl(url != null ? url : "https://api.openai.com/v1");
      if (option("api-key") == null
          && url == null
          && option("azure.endpoint") == null
          && LlmkitCommand.of(mixee).sources().env().get("OPENAI_API_KEY") == null) {
        throw new IllegalStateException(
            "no OpenAI API key: give --api-key KEY or set the"
                + " environment variable OPENAI_API_KEY (a server without keys needs only --base-url)");
      }
    }
    return Llm.client(settings);
  }
}
