package dev.llmkit.spring.internal;

import dev.llmkit.LlmException;
import dev.llmkit.spring.LocalModelProperties;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a local model that cannot be loaded into an {@link InvalidPropertyException} naming the
 * property: a {@code .gguf} path that does not exist is caught before loading starts, any other
 * load failure (a corrupt file, a download that failed) is reported with the loader's message.
 */
public final class LocalModelChecks {
  private static final String PREFIX = LocalModelProperties.PREFIX;

  private LocalModelChecks() {}

  /** Fails when a model property names a file path (not {@code hf:}) that is not a file. */
  public static void requireFiles(LocalModelProperties p) {
    requireFile(PREFIX + ".model", p.model());
    requireFile(PREFIX + ".embedding-model", p.embeddingModel());
    requireFile(PREFIX + ".moderation-model", p.moderationModel());
  }

  /**
   * Runs {@code load}, reporting an llmkit failure as a bad {@code llmkit.local.*} model and a
   * rejected setting (e.g. an embedding-max-tokens above the model's limit) as that setting.
   */
  public static <T> T load(LocalModelProperties p, Supplier<T> load) {
    try {
      return load.get();
    } catch (LlmException e) {
      throw new InvalidPropertyException(
          "The local model could not be loaded ("
              + PREFIX
              + ".model is '"
              + p.model()
              + "'): "
              + e.getMessage(),
          "Check "
              + PREFIX
              + ".model"
              + (p.embeddingModel() == null && p.moderationModel() == null
                  ? ""
                  : ", " + PREFIX + ".embedding-model and " + PREFIX + ".moderation-model")
              + ": each must be a readable .gguf file, or an hf:owner/repo/file.gguf model that is"
              + " in "
              + PREFIX
              + ".cache-dir or can be downloaded (network, proxy, "
              + PREFIX
              + ".offline=false).",
          e);
    } catch (InvalidPropertyException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidPropertyException(
          "The local client rejected its settings: " + e.getMessage(),
          "Change the "
              + PREFIX
              + ".* property the description names, or remove it to use the"
              + " default.",
          e);
    }
  }

  private static void requireFile(String property, @Nullable String spec) {
    if (spec == null || spec.isBlank() || spec.strip().startsWith("hf:")) {
      return;
    }
    String action =
        "Set "
            + property
            + " to the path of an existing .gguf file, or to"
            + " hf:owner/repo/file.gguf to download one.";
    Path path;
    try {
      path = Path.of(spec.strip());
    } catch (InvalidPathException e) {
      throw new InvalidPropertyException(
          property + " is '" + spec + "', which is not a valid path: " + e.getMessage(), action, e);
    }
    if (Files.isDirectory(path)) {
      throw new InvalidPropertyException(
          property + " is '" + spec + "', which is a directory, not a .gguf file.", action);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidPropertyException(
          property
              + " is '"
              + spec
              + "', but no such file exists"
              + " (resolved to "
              + path.toAbsolutePath()
              + ").",
          action);
    }
  }
}
