package dev.llmkit.local.internal.finetune;

import dev.llmkit.finetuning.EventLevel;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobError;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.HyperparameterValue;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The persisted state of one local fine-tuning job: what was asked, where it stands, its events and
 * checkpoints. Stored as {@code job.json} in the job's folder ({@link JobStore}); guarded by the
 * service's lock.
 */
final class JobRecord {
  String id = "";
  long createdAt;

  /** Base model id as the client names it, and its GGUF file. */
  String model = "";

  String baseFile = "";
  String trainingFile = "";
  @Nullable String validationFile;
  @Nullable String suffix;
  long seed;
  String status = JobStatus.VALIDATING_FILES.value();
  @Nullable String errorCode;
  @Nullable String errorMessage;
  @Nullable String errorParam;
  @Nullable String fineTunedModel;
  @Nullable Long finishedAt;
  long trainedTokens;
  @Nullable Long estimatedFinish;
  List<String> resultFiles = new ArrayList<>();

  /** Resolved hyperparameters and local settings (n_epochs, batch_size, lora_rank, …). */
  Map<String, Object> settings = new LinkedHashMap<>();

  Map<String, String> metadata = new LinkedHashMap<>();
  List<Map<String, Object>> events = new ArrayList<>();
  List<Map<String, Object>> checkpoints = new ArrayList<>();

  /** Whether the fine-tuned model was deleted through models().delete. */
  boolean deleted;

  boolean isTerminal() {
    return JobStatus.of(status).isTerminal();
  }

  void event(String level, String message, @Nullable String type, Map<String, Object> data) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", "ftevent-" + id.substring(id.indexOf('-') + 1) + "-" + (events.size() + 1));
    e.put("created_at", System.currentTimeMillis());
    e.put("level", level);
    e.put("message", message);
    if (type != null) {
      e.put("type", type);
    }
    e.put("data", data);
    events.add(e);
  }

  FineTuningJob toJob() {
    FineTuningJobError error =
        errorCode == null
            ? null
            : FineTuningJobError.of(errorCode, String.valueOf(errorMessage), errorParam);
    // "auto" until the training file has been read and the values resolved
    Hyperparameters.Builder hp = Hyperparameters.builder();
    hp.nEpochs(
        settings.containsKey("n_epochs")
            ? HyperparameterValue.of(num(settings.get("n_epochs")).longValue())
            : HyperparameterValue.auto());
    hp.batchSize(
        settings.containsKey("batch_size")
            ? HyperparameterValue.of(num(settings.get("batch_size")).longValue())
            : HyperparameterValue.auto());
    hp.learningRateMultiplier(
        settings.containsKey("learning_rate_multiplier")
            ? HyperparameterValue.of(num(settings.get("learning_rate_multiplier")).doubleValue())
            : HyperparameterValue.auto());
    Hyperparameters h = hp.build();
    Map<String, Object> local = new LinkedHashMap<>(settings);
    return FineTuningJob.builder()
        .id(id)
        .createdAt(Instant.ofEpochSecond(createdAt))
        .error(error)
        .fineTunedModel(fineTunedModel)
        .finishedAt(finishedAt == null ? null : Instant.ofEpochSecond(finishedAt))
        .hyperparameters(h)
        .model(model)
        .object("fine_tuning.job")
        .resultFiles(resultFiles)
        .status(JobStatus.of(status))
        .trainedTokens(isTerminal() || trainedTokens > 0 ? trainedTokens : null)
        .trainingFile(trainingFile)
        .validationFile(validationFile)
        .seed(seed)
        .estimatedFinish(estimatedFinish == null ? null : Instant.ofEpochSecond(estimatedFinish))
        .method(FineTuneMethod.supervised(h))
        .metadata(metadata)
        .extra(Map.of("local_settings", local))
        .build();
  }

  static FineTuningJobEvent toEvent(Map<String, Object> e) {
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) e.getOrDefault("data", Map.of());
    return FineTuningJobEvent.builder()
        .id(required(e, "id"))
        .createdAt(Instant.ofEpochMilli(num(e.get("created_at")).longValue()))
        .level(EventLevel.of(required(e, "level")))
        .message(required(e, "message"))
        .type((String) e.get("type"))
        .data(data)
        .object("fine_tuning.job.event")
        .build();
  }

  FineTuningCheckpoint toCheckpoint(Map<String, Object> c) {
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) c.get("metrics");
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (raw != null) {
      raw.forEach((k, v) -> metrics.put(k, num(v).doubleValue()));
    }
    return FineTuningCheckpoint.builder()
        .id(required(c, "id"))
        .createdAt(Instant.ofEpochSecond(num(c.get("created_at")).longValue()))
        .fineTunedModelCheckpoint(required(c, "model"))
        .stepNumber(num(c.get("step")).longValue())
        .metrics(metrics)
        .fineTuningJobId(id)
        .object("fine_tuning.job.checkpoint")
        .build();
  }

  /** A string field every stored record has (JobFileCheck checks files read back from disk). */
  private static String required(Map<String, Object> m, String key) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw new IllegalStateException("fine-tuning job record without a string \"" + key + "\"");
  }

  static Number num(@Nullable Object o) {
    return o instanceof Number ? (Number) o : 0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("created_at", createdAt);
    m.put("model", model);
    m.put("base_file", baseFile);
    m.put("training_file", trainingFile);
    m.put("validation_file", validationFile);
    m.put("suffix", suffix);
    m.put("seed", seed);
    m.put("status", status);
    m.put("error_code", errorCode);
    m.put("error_message", errorMessage);
    m.put("error_param", errorParam);
    m.put("fine_tuned_model", fineTunedModel);
    m.put("finished_at", finishedAt);
    m.put("trained_tokens", trainedTokens);
    m.put("estimated_finish", estimatedFinish);
    m.put("result_files", resultFiles);
    m.put("settings", settings);
    m.put("metadata", metadata);
    m.put("events", events);
    m.put("checkpoints", checkpoints);
    m.put("deleted", deleted);
    return m;
  }

  @SuppressWarnings("unchecked")
  static JobRecord fromMap(Map<String, Object> m) {
    JobRecord r = new JobRecord();
    r.id = required(m, "id");
    r.createdAt = num(m.get("created_at")).longValue();
    r.model = required(m, "model");
    r.baseFile = required(m, "base_file");
    r.trainingFile = required(m, "training_file");
    r.validationFile = (String) m.get("validation_file");
    r.suffix = (String) m.get("suffix");
    r.seed = num(m.get("seed")).longValue();
    r.status = required(m, "status");
    r.errorCode = (String) m.get("error_code");
    r.errorMessage = (String) m.get("error_message");
    r.errorParam = (String) m.get("error_param");
    r.fineTunedModel = (String) m.get("fine_tuned_model");
    r.finishedAt = m.get("finished_at") == null ? null : num(m.get("finished_at")).longValue();
    r.trainedTokens = num(m.get("trained_tokens")).longValue();
    r.estimatedFinish =
        m.get("estimated_finish") == null ? null : num(m.get("estimated_finish")).longValue();
    r.resultFiles = new ArrayList<>((List<String>) m.getOrDefault("result_files", List.of()));
    r.settings = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("settings", Map.of()));
    r.metadata = new LinkedHashMap<>((Map<String, String>) m.getOrDefault("metadata", Map.of()));
    r.events = new ArrayList<>((List<Map<String, Object>>) m.getOrDefault("events", List.of()));
    r.checkpoints =
        new ArrayList<>((List<Map<String, Object>>) m.getOrDefault("checkpoints", List.of()));
    r.deleted = Boolean.TRUE.equals(m.get("deleted"));
    return r;
  }
}
