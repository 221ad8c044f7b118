package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import dev.llmkit.model.ModelService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models of a local client: the ones it has loaded (listed first, as the wrapped service
 * reports them) plus every other {@code .gguf} file in the model cache. A cached model's id is its
 * path inside the cache without {@code .gguf}, e.g. {@code owner/repo/Model-Q8_0}; {@code extra()}
 * holds {@code architecture}, {@code quantization} (the most common tensor type of the weight
 * matrices), {@code context_length}, {@code size_bytes}, {@code path} and {@code loaded}.
 *
 * <p>{@link #delete} removes a cached file, found among the listed models (the id never becomes a
 * path by itself); models in use by this client cannot be deleted. Files that are not readable GGUF
 * are listed with architecture {@code unknown}.
 */
public final class CachedModelService implements ModelService {
  private final ModelService loaded;
  private final Path cacheDir;
  private final Set<Path> inUse;

  /**
   * @param loaded the service listing the loaded model(s)
   * @param inUse files this client has open; never listed twice, never deleted
   */
  public CachedModelService(ModelService loaded, Path cacheDir, Set<Path> inUse) {
    this.loaded = Args.notNull(loaded, "loaded");
    this.cacheDir = Args.notNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
    this.inUse =
        inUse.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public List<Model> list() {
    List<Model> all = new ArrayList<>(loaded.list());
    for (Path file : cachedFiles()) {
      if (!inUse.contains(file)) {
        all.add(describe(file));
      }
    }
    return all;
  }

  @Override
  public Model retrieve(String modelId) {
    Args.notBlank(modelId, "modelId");
    return list().stream()
        .filter(m -> m.id().equals(modelId))
        .findFirst()
        .orElseThrow(() -> notFound(modelId, loadedIds()));
  }

  @Override
  public ModelDeletion delete(String modelId) {
    Args.notBlank(modelId, "modelId");
    for (Model m : loaded.list()) {
      if (m.id().equals(modelId)) {
        throw inUse(modelId);
      }
    }
    for (Path file : cachedFiles()) {
      if (idOf(file).equals(modelId)) {
        if (inUse.contains(file)) {
          throw inUse(modelId);
        }
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new LlmIoException("local", "could not delete " + file + ": " + e, e);
        }
        return ModelDeletion.builder()
            .id(modelId)
            .deleted(true)
            .extra(Map.of("object", "model"))
            .build();
      }
    }
    throw notFound(modelId, loadedIds());
  }

  private String loadedIds() {
    return loaded.list().stream().map(m -> "'" + m.id() + "'").collect(Collectors.joining(", "));
  }

  private List<Path> cachedFiles() {
    if (!Files.isDirectory(cacheDir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(cacheDir, 4)) {
      return walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
          .filter(Files::isRegularFile)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new LlmIoException("local", "could not list the model cache " + cacheDir + ": " + e, e);
    }
  }

  private String idOf(Path file) {
    String rel = cacheDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    return rel.substring(0, rel.length() - ".gguf".length());
  }

  private Model describe(Path file) {
    Map<String, Object> extra = new LinkedHashMap<>();
    String arch = "unknown";
    String quantization = "unknown";
    int context = 0;
    try (GgufFile gguf = GgufFile.open(file)) {
      arch = gguf.metadata().getString("general.architecture").orElse("unknown");
      context = gguf.metadata().getInt(arch + ".context_length", 0);
      quantization = dominantType(gguf);
    } catch (RuntimeException e) {
      extra.put("error", "not a readable GGUF file");
    }
    long size = 0;
    long modified = 0;
    try {
      size = Files.size(file);
      modified = Files.getLastModifiedTime(file).toMillis() / 1000;
    } catch (IOException e) {
      extra.put("error", "not readable");
    }
    extra.put("architecture", arch);
    extra.put("quantization", quantization);
    extra.put("context_length", context);
    extra.put("size_bytes", size);
    extra.put("path", file.toString());
    extra.put("loaded", false);
    return Model.builder()
        .id(idOf(file))
        .created(modified)
        .ownedBy("local")
        .object("model")
        .extra(extra)
        .build();
  }

  /** The most common type among 2-D tensors, e.g. "Q8_0"; ties prefer the non-F32 type. */
  static String dominantType(GgufFile file) {
    Map<GgmlType, Integer> counts = new EnumMap<>(GgmlType.class);
    for (TensorInfo t : file.tensors()) {
      if (t.shape().length >= 2) {
        counts.merge(t.type(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<GgmlType, Integer>comparingByValue()
                .thenComparing(e -> e.getKey() == GgmlType.F32 ? 0 : 1))
        .map(e -> e.getKey().name())
        .orElse("unknown");
  }

  private static InvalidRequestException notFound(String modelId, String loadedIds) {
    return InvalidRequestException.notFound(
        "local",
        "model_not_found",
        "model",
        "model '"
            + modelId
            + "' is neither loaded (this client serves "
            + loadedIds
            + ") nor in the model cache");
  }

  private static LlmApiException inUse(String modelId) {
    return LlmApiException.builder("local", 409)
        .errorType("invalid_request_error")
        .errorCode("model_in_use")
        .param("model")
        .message(
            "model '"
                + modelId
                + "' is loaded by this client and cannot be"
                + " deleted; close the client first")
        .build();
  }
}
