package dev.llmkit.local.internal.finetune;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.training.AdapterFile;
import dev.llmkit.local.internal.training.LoraAdapter;
import dev.llmkit.model.Model;
import dev.llmkit.model.ModelDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The fine-tuned models of the data directory (ids {@code ft:<base>:<suffix>:<job id>}, and {@code
 * …:ckpt-step-<n>} for checkpoints) as adapters over the loaded base model. Adapters are read once
 * and shared: every request on one fine-tuned model uses the same read-only weights, and all of
 * them share the base model's.
 */
public final class FineTunedModels {
  /** Prefix of fine-tuned model ids. */
  public static final String PREFIX = "ft:";

  private static final String CHECKPOINT = ":ckpt-step-";

  private final Jobs jobs;
  private final Path loadedBase;
  private final Map<String, LoraAdapter> cache = new ConcurrentHashMap<>();
  private volatile @Nullable LlamaConfig config;

  public FineTunedModels(Jobs jobs, Path loadedBase) {
    this.jobs = jobs;
    this.loadedBase = loadedBase.toAbsolutePath().normalize();
  }

  /** Whether {@code model} names a fine-tuned model (or checkpoint). */
  public static boolean isFineTuned(@Nullable String model) {
    return model != null && model.startsWith(PREFIX);
  }

  /**
   * The adapter of fine-tuned model {@code model}, or null for any other model name (requests on
   * the loaded base model).
   *
   * @throws InvalidRequestException (404) for an unknown or deleted fine-tuned model, or one
   *     trained on another base model than the loaded one
   */
  public @Nullable LayerAdapter adapter(@Nullable String model) {
    if (model == null || !isFineTuned(model)) {
      return null;
    }
    LoraAdapter cached = cache.get(model);
    if (cached != null) {
      return cached;
    }
    Found found = find(model);
    Path base = Path.of(found.record.baseFile).toAbsolutePath().normalize();
    if (!base.equals(loadedBase)) {
      throw notFound(
          model,
          "it was trained on "
              + base
              + " but this client runs "
              + loadedBase
              + "; build a client with that base model (or with model(\""
              + model
              + "\"))");
    }
    LoraAdapter adapter = AdapterFile.read(found.adapter, config());
    cache.putIfAbsent(model, adapter);
    return cache.get(model);
  }

  private LlamaConfig config() {
    LlamaConfig c = config;
    if (c == null) {
      try (GgufFile gguf = GgufFile.open(loadedBase)) {
        c = LlamaConfig.from(gguf);
      }
      config = c;
    }
    return c;
  }

  private record Found(JobRecord record, Path adapter) {}

  private Found find(String model) {
    for (JobRecord r : jobs.snapshot()) {
      if (r.deleted || r.fineTunedModel == null && r.checkpoints.isEmpty()) {
        continue;
      }
      if (model.equals(r.fineTunedModel) && JobStatus.SUCCEEDED.value().equals(r.status)) {
        return new Found(r, jobs.store().adapter(r.id));
      }
      for (Map<String, Object> c : r.checkpoints) {
        if (model.equals(c.get("model"))) {
          long step = JobRecord.num(c.get("step")).longValue();
          return new Found(r, jobs.store().checkpointDir(r.id, step).resolve("adapter.gguf"));
        }
      }
    }
    throw notFound(model, "no succeeded fine-tuning job in " + jobs.store().root() + " created it");
  }

  private static InvalidRequestException notFound(String model, String why) {
    return InvalidRequestException.notFound(
        "local",
        "model_not_found",
        "model",
        "fine-tuned model '" + model + "' is not available: " + why);
  }

  /**
   * The base model file of fine-tuned model {@code model} in {@code dataDir}, for a client built
   * with that id.
   *
   * @throws dev.llmkit.ModelLoadException if no job there made it
   */
  public static Path baseFileOf(Path dataDir, String model) {
    for (JobRecord r : new JobStore(dataDir).loadAll()) {
      boolean checkpoint = r.checkpoints.stream().anyMatch(c -> model.equals(c.get("model")));
      if (!r.deleted && (model.equals(r.fineTunedModel) || checkpoint)) {
        return Path.of(r.baseFile);
      }
    }
    throw new dev.llmkit.ModelLoadException(
        "local",
        "fine-tuned model '"
            + model
            + "' is not in"
            + " "
            + dataDir.resolve("fine_tuning")
            + "; set the data directory (llmkit.local.data-dir)"
            + " where the fine-tuning job ran");
  }

  /** The fine-tuned models (not checkpoints), oldest first, each naming its base model. */
  public List<Model> list() {
    List<Model> out = new ArrayList<>();
    for (JobRecord r : jobs.snapshot()) {
      if (!r.deleted && r.fineTunedModel != null && JobStatus.SUCCEEDED.value().equals(r.status)) {
        out.add(
            Model.builder()
                .id(r.fineTunedModel)
                .created(r.finishedAt == null ? r.createdAt : r.finishedAt)
                .ownedBy("user")
                .object("model")
                .extra(
                    Map.of("base_model", r.model, "base_file", r.baseFile, "fine_tuning_job", r.id))
                .build());
      }
    }
    return out;
  }

  /** Deletes a fine-tuned model: its adapter files go, the job stays (without the model). */
  public ModelDeletion delete(String model) {
    Found found = find(model);
    if (model.contains(CHECKPOINT)) {
      throw InvalidRequestException.invalidParameter(
          "local",
          "model",
          "'"
              + model
              + "' is a checkpoint; delete the fine-tuned model '"
              + found.record.fineTunedModel
              + "' instead");
    }
    jobs.update(found.record.id, r -> r.deleted = true);
    cache.keySet().removeIf(k -> k.equals(model) || k.startsWith(model + ":"));
    try (Stream<Path> files = Files.walk(jobs.store().dir(found.record.id))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (p.getFileName().toString().endsWith(".gguf")
            || p.getFileName().toString().equals("state.bin")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new dev.llmkit.LlmIoException(
          "local", "deleted " + model + " but could not remove" + " its adapter files: " + e, e);
    }
    return ModelDeletion.builder().id(model).deleted(true).build();
  }
}
