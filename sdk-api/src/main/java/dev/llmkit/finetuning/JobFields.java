package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values of a {@link FineTuningJob}: mutable while its builder fills them, then {@link #frozen}
 * into the checked, immutable copy the job reads. Keeps storage, required-field checks and copying
 * out of the public type.
 */
final class JobFields {
  @Nullable String id;
  @Nullable Instant createdAt;
  @Nullable FineTuningJobError error;
  @Nullable String fineTunedModel;
  @Nullable Instant finishedAt;
  @Nullable Hyperparameters hyperparameters;
  @Nullable String model;
  String object = "fine_tuning.job";
  @Nullable String organizationId;
  List<String> resultFiles = new ArrayList<>();
  @Nullable JobStatus status;
  @Nullable Long trainedTokens;
  @Nullable String trainingFile;
  @Nullable String validationFile;
  List<FineTuningIntegration> integrations = new ArrayList<>();
  @Nullable Long seed;
  @Nullable Instant estimatedFinish;
  @Nullable FineTuneMethod method;
  Map<String, String> metadata = new LinkedHashMap<>();
  Map<String, ?> extra = new LinkedHashMap<>();

  /** A copy to go on editing (a builder's). */
  JobFields copy() {
    JobFields c = new JobFields();
    c.id = id;
    c.createdAt = createdAt;
    c.error = error;
    c.fineTunedModel = fineTunedModel;
    c.finishedAt = finishedAt;
    c.hyperparameters = hyperparameters;
    c.model = model;
    c.object = object;
    c.organizationId = organizationId;
    c.resultFiles = new ArrayList<>(resultFiles);
    c.status = status;
    c.trainedTokens = trainedTokens;
    c.trainingFile = trainingFile;
    c.validationFile = validationFile;
    c.integrations = new ArrayList<>(integrations);
    c.seed = seed;
    c.estimatedFinish = estimatedFinish;
    c.method = method;
    c.metadata = new LinkedHashMap<>(metadata);
    c.extra = new LinkedHashMap<>(extra);
    return c;
  }

  /**
   * An immutable, checked copy for a job.
   *
   * @throws NullPointerException naming a required field that is missing
   */
  JobFields frozen() {
    JobFields f = copy();
    Checks.notNull(id, "id");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(model, "model");
    Checks.notNull(object, "object");
    Checks.notNull(status, "status");
    Checks.notNull(trainingFile, "trainingFile");
    f.resultFiles = Immutables.list(resultFiles, "resultFiles");
    f.integrations = Immutables.list(integrations, "integrations");
    f.metadata = Immutables.map(metadata, "metadata");
    f.extra = Immutables.extra(extra, "extra");
    return f;
  }

  /** Every value, for equals and hashCode. */
  List<@Nullable Object> state() {
    @Nullable Object[] all = {
      id,
      createdAt,
      error,
      fineTunedModel,
      finishedAt,
      hyperparameters,
      model,
      object,
      organizationId,
      resultFiles,
      status,
      trainedTokens,
      trainingFile,
      validationFile,
      integrations,
      seed,
      estimatedFinish,
      method,
      metadata,
      extra
    };
    return Arrays.asList(all);
  }
}
