package dev.llmkit.cli;

import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root {@code llmkit} command. Holds what subcommands share: standard input, the settings
 * sources, whether stdout is a console, and the secrets to keep out of error messages.
 */
@Command(
    name = "llmkit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Chat, complete, embed, moderate, and manage models, files and fine-tuning jobs"
            + " with llmkit providers (local GGUF models or OpenAI).",
    footer = {
      "",
      "Settings: flags > -D/--set > system properties llmkit.* > environment LLMKIT_*"
          + " > llmkit.properties.",
      "Exit codes: 0 ok, 1 provider or I/O error, 2 usage or" + " configuration error."
    },
    subcommands = {
      ChatCommand.class,
      CompleteCommand.class,
      EmbedCommand.class,
      ModerateCommand.class,
      ModelsCommand.class,
      FilesCommand.class,
      FineTuneCommand.class,
      TemplateCommand.class,
    })
final class LlmkitCommand {
  private final InputStream in;
  private final ConfigSources sources;
  private final boolean console;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  LlmkitCommand(InputStream in, ConfigSources sources, boolean console) {
    this.in = in;
    this.sources = sources;
    this.console = console;
  }

  /** Returns the root command object of the command tree {@code spec} belongs to. */
  static LlmkitCommand of(@Nullable CommandSpec spec) {
    if (spec == null || !(spec.root().userObject() instanceof LlmkitCommand root)) {
      throw new IllegalStateException("command is not part of the llmkit command tree");
    }
    return root;
  }

  InputStream in() {
    return in;
  }

  ConfigSources sources() {
    return sources;
  }

  /** Whether stdout is an interactive console (then replies end with a line break). */
  boolean console() {
    return console;
  }

  private volatile @Nullable String apiBaseUrl;

  /** The API root the command talks to (openai's base-url), for hints on errors; may be null. */
  void apiBaseUrl(@Nullable String url) {
    apiBaseUrl = url;
  }

  @Nullable String apiBaseUrl() {
    return apiBaseUrl;
  }

  /** Remembers a value that must never be printed. */
  void secret(@Nullable String value) {
    if (value != null && value.strip().length() >= 4) {
      secrets.add(value.strip());
    }
  }

  /** Replaces every remembered secret in {@code text} with {@code ***}, longest first. */
  String redact(String text) {
    String result = text;
    for (String secret :
        secrets.stream()
            .sorted(java.util.Comparator.comparingInt(String::length).reversed())
            .toList()) {
      result = result.replace(secret, "***");
    }
    return result;
  }
}
