package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.local.DownloadListener;
import dev.llmkit.local.LocalModels;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmkit models list|pull|rm}. With the local provider these work on the model cache ({@code
 * llmkit.local.cache-dir}); with another provider, list and rm call its model API.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Lists, downloads and deletes models.")
final class ModelsCommand {
  private static final String LOCAL = "local";

  /** Where hf: models come from unless llmkit.local.download-base-url says otherwise. */
  static final String HUGGING_FACE = "https://huggingface.co";

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists models: the cached .gguf files (local) or the provider's models.")
  int list(@Mixin ClientOptions client) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.providerId().equals(LOCAL)) {
      ModelCache cache = cache(client);
      List<String> models = cache.list();
      models.forEach(out::println);
      if (models.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "no models in the cache "
                    + cache.dir()
                    + "; download one with 'llmkit models pull hf:<owner>/<repo>/<file>.gguf'");
      }
    } else {
      try (LlmClient llm = client.openClient()) {
        for (Model model : llm.models().list()) {
          out.println(model.id() + "\t" + model.ownedBy());
        }
      }
    }
    out.flush();
    return 0;
  }

  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = {
        "Downloads hf:<owner>/<repo>/<file>.gguf[#sha256=<hex>] into the local"
            + " model cache, with a progress bar on stderr; resumes an interrupted download.",
        "Prints the cached file's path."
      })
  int pull(
      @Mixin ClientOptions client,
      @Option(names = "--no-progress", description = "Do not draw a progress bar.")
          boolean noProgress,
      @Parameters(paramLabel = "SPEC", description = "hf:<owner>/<repo>/<file>.gguf")
          String model) {
    PrintWriter out = spec.commandLine().getOut();
    ModelCache cache = cache(client);
    Object before = fileVersion(cache.pathOf(model)); // a junk file there is downloaded again
    String baseUrl =
        client.baseUrl != null
            ? client.baseUrl
            : client.settings().get("llmkit.local.download-base-url");
    Path file;
    try (ProgressBarListener progress = new ProgressBarListener(spec.commandLine().getErr())) {
      file =
          LocalModels.pull(
              model,
              cache.dir(),
              URI.create(baseUrl != null ? baseUrl : HUGGING_FACE),
              noProgress ? DownloadListener.none() : progress);
    }
    if (before != null && before.equals(fileVersion(file))) {
      spec.commandLine().getErr().println("already in the cache");
    }
    out.println(file.toAbsolutePath());
    out.flush();
    return 0;
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Deletes a cached model (local) or a fine-tuned model (other providers).")
  int rm(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "MODEL", description = "hf:<owner>/<repo>/<file>.gguf or a model id")
          String model) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.providerId().equals(LOCAL)) {
      if (!cache(client).remove(model)) {
        throw new IllegalArgumentException(
            "model " + model + " is not in the cache " + cache(client).dir());
      }
      out.println("deleted " + model);
    } else {
      try (LlmClient llm = client.openClient()) {
        ModelDeletion deletion = llm.models().delete(model);
        out.println((deletion.deleted() ? "deleted " : "not deleted ") + deletion.id());
      }
    }
    out.flush();
    return 0;
  }

  /** The file's identity and modification time, or null when it does not exist. */
  private static @Nullable Object fileVersion(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile()
          ? List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size())
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ModelCache cache(ClientOptions client) {
    String dir = client.settings().get("llmkit.local.cache-dir");
    return new ModelCache(dir != null ? Path.of(dir) : LocalModels.defaultCacheDir());
  }
}
