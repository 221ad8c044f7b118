package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.local.LocalClient;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmkit models list|pull|rm}. With the local provider these work on the model cache
 * ({@code llmkit.local.cache-dir}); with another provider, list and rm call its model API.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Lists, downloads and deletes models.")
final class ModelsCommand {
  private static final String LOCAL = "local";

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists models: the cached .gguf files (local) or the provider's models.")
  int list(@Mixin ClientOptions client) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.providerId().equals(LOCAL)) {
      cache(client).list().forEach(out::println);
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

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = {"Downloads hf:<owner>/<repo>/<file>.gguf[#sha256=<hex>] into the local"
          + " model cache, with a progress bar on stderr, then checks that it loads.",
          "Prints the cached file's path."})
  int pull(@Mixin ClientOptions client,
      @Option(names = "--no-progress", description = "Do not draw a progress bar.")
          boolean noProgress,
      @Parameters(paramLabel = "SPEC", description = "hf:<owner>/<repo>/<file>.gguf")
          String model) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelCache cache = cache(client);
    Path target = cache.pathOf(model);
    boolean cached = Files.isRegularFile(target);
    String baseUrl = client.baseUrl != null ? client.baseUrl
        : client.settings().get("llmkit.local.download-base-url");
    try (ProgressBarListener progress = new ProgressBarListener(spec.commandLine().getErr())) {
      LocalClient.Builder builder = LocalClient.builder()
          .model(model)
          .cacheDir(cache.dir())
          .threads(1)
          .contextSize(2)
          .downloadListener(noProgress ? (file, done, total) -> { } : progress);
      if (baseUrl != null) {
        builder.downloadBaseUrl(URI.create(baseUrl));
      }
      builder.build().close();
    }
    if (cached) {
      spec.commandLine().getErr().println("already in the cache");
    }
    out.println(target.toAbsolutePath());
    out.flush();
    return 0;
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Deletes a cached model (local) or a fine-tuned model (other providers).")
  int rm(@Mixin ClientOptions client,
      @Parameters(paramLabel = "MODEL", description = "hf:<owner>/<repo>/<file>.gguf or a model id")
          String model) {
    PrintWriter out = spec.commandLine().getOut();
    if (client.providerId().equals(LOCAL)) {
      if (!cache(client).remove(model)) {
        throw new IllegalArgumentException("model " + model + " is not in the cache "
            + cache(client).dir());
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

  private static ModelCache cache(ClientOptions client) {
    String dir = client.settings().get("llmkit.local.cache-dir");
    return new ModelCache(dir != null ? Path.of(dir) : ModelCache.defaultDir());
  }
}
