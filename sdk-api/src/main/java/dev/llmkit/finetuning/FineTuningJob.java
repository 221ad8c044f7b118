package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a fine-tuning job (OpenAI's {@code fine_tuning.job} object). Immutable.
 *
 * <p>A failed job carries its reason in {@link #error()}: that is data of a successful call, not an
 * exception. Fields the provider fills in only later (fine-tuned model, finish time, trained
 * tokens, estimated finish) are {@link Optional}.
 */
public final class FineTuningJob {
  private final String id;
  private final Instant createdAt;
  private final @Nullable FineTuningJobError error;
  private final @Nullable String fineTunedModel;
  private final @Nullable Instant finishedAt;
  private final @Nullable Hyperparameters hyperparameters;
  private final String model;
  private final String object;
  private final @Nullable String organizationId;
  private final List<String> resultFiles;
  private final JobStatus status;
  private final @Nullable Long trainedTokens;
  private final String trainingFile;
  private final @Nullable String validationFile;
  private final List<FineTuningIntegration> integrations;
  private final @Nullable Long seed;
  private final @Nullable Instant estimatedFinish;
  private final @Nullable FineTuneMethod method;
  private final Map<String, String> metadata;
  private final Map<String, Object> extra;

  private FineTuningJob(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.createdAt = Checks.notNull(b.createdAt, "createdAt");
    this.error = b.error;
    this.fineTunedModel = b.fineTunedModel;
    this.finishedAt = b.finishedAt;
    this.hyperparameters = b.hyperparameters;
    this.model = Checks.notNull(b.model, "model");
    this.object = Checks.notNull(b.object, "object");
    this.organizationId = b.organizationId;
    this.resultFiles = Immutables.list(b.resultFiles, "resultFiles");
    this.status = Checks.notNull(b.status, "status");
    this.trainedTokens = b.trainedTokens;
    this.trainingFile = Checks.notNull(b.trainingFile, "trainingFile");
    this.validationFile = b.validationFile;
    this.integrations = Immutables.list(b.integrations, "integrations");
    this.seed = b.seed;
    this.estimatedFinish = b.estimatedFinish;
    this.method = b.method;
    this.metadata = Immutables.map(b.metadata, "metadata");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Why the job failed; present for failed jobs. */
  public Optional<FineTuningJobError> error() {
    return Optional.ofNullable(error);
  }

  /** The name of the resulting model, once it exists. */
  public Optional<String> fineTunedModel() {
    return Optional.ofNullable(fineTunedModel);
  }

  /** When the job finished, once it has. */
  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /** The hyperparameters in effect (reported for supervised jobs). */
  public Optional<Hyperparameters> hyperparameters() {
    return Optional.ofNullable(hyperparameters);
  }

  /** The base model being fine-tuned. */
  public String model() {
    return model;
  }

  /** The provider's object type, {@code "fine_tuning.job"} for OpenAI. */
  public String object() {
    return object;
  }

  /** The organization owning the job. */
  public Optional<String> organizationId() {
    return Optional.ofNullable(organizationId);
  }

  /** The ids of the result files; read them with {@code FileService.content}. */
  public List<String> resultFiles() {
    return resultFiles;
  }

  public JobStatus status() {
    return status;
  }

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** Billable tokens processed, once the job has finished. */
  public Optional<Long> trainedTokens() {
    return Optional.ofNullable(trainedTokens);
  }

  public String trainingFile() {
    return trainingFile;
  }

  public Optional<String> validationFile() {
    return Optional.ofNullable(validationFile);
  }

  public List<FineTuningIntegration> integrations() {
    return integrations;
  }

  /** The seed used. */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** When the job is estimated to finish, while it runs. */
  public Optional<Instant> estimatedFinish() {
    return Optional.ofNullable(estimatedFinish);
  }

  public Optional<FineTuneMethod> method() {
    return Optional.ofNullable(method);
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningJob j
        && id.equals(j.id)
        && createdAt.equals(j.createdAt)
        && Objects.equals(error, j.error)
        && Objects.equals(fineTunedModel, j.fineTunedModel)
        && Objects.equals(finishedAt, j.finishedAt)
        && Objects.equals(hyperparameters, j.hyperparameters)
        && model.equals(j.model)
        && object.equals(j.object)
        && Objects.equals(organizationId, j.organizationId)
        && resultFiles.equals(j.resultFiles)
        && status.equals(j.status)
        && Objects.equals(trainedTokens, j.trainedTokens)
        && trainingFile.equals(j.trainingFile)
        && Objects.equals(validationFile, j.validationFile)
        && integrations.equals(j.integrations)
        && Objects.equals(seed, j.seed)
        && Objects.equals(estimatedFinish, j.estimatedFinish)
        && Objects.equals(method, j.method)
        && metadata.equals(j.metadata)
        && extra.equals(j.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
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
        extra);
  }

  @Override
  public String toString() {
    return "FineTuningJob{id="
        + id
        + ", model="
        + model
        + ", status="
        + status
        + (fineTunedModel != null ? ", fineTunedModel=" + fineTunedModel : "")
        + (error != null ? ", error=" + error.code() : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String id;
    private @Nullable Instant createdAt;
    private @Nullable FineTuningJobError error;
    private @Nullable String fineTunedModel;
    private @Nullable Instant finishedAt;
    private @Nullable Hyperparameters hyperparameters;
    private @Nullable String model;
    private String object = "fine_tuning.job";
    private @Nullable String organizationId;
    private List<String> resultFiles = new ArrayList<>();
    private @Nullable JobStatus status;
    private @Nullable Long trainedTokens;
    private @Nullable String trainingFile;
    private @Nullable String validationFile;
    private List<FineTuningIntegration> integrations = new ArrayList<>();
    private @Nullable Long seed;
    private @Nullable Instant estimatedFinish;
    private @Nullable FineTuneMethod method;
    private Map<String, String> metadata = new LinkedHashMap<>();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(FineTuningJob j) {
      id = j.id;
      createdAt = j.createdAt;
      error = j.error;
      fineTunedModel = j.fineTunedModel;
      finishedAt = j.finishedAt;
      hyperparameters = j.hyperparameters;
      model = j.model;
      object = j.object;
      organizationId = j.organizationId;
      resultFiles = new ArrayList<>(j.resultFiles);
      status = j.status;
      trainedTokens = j.trainedTokens;
      trainingFile = j.trainingFile;
      validationFile = j.validationFile;
      integrations = new ArrayList<>(j.integrations);
      seed = j.seed;
      estimatedFinish = j.estimatedFinish;
      method = j.method;
      metadata = new LinkedHashMap<>(j.metadata);
      extra = new LinkedHashMap<>(j.extra);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder error(@Nullable FineTuningJobError error) {
      this.error = error;
      return this;
    }

    public Builder fineTunedModel(@Nullable String fineTunedModel) {
      this.fineTunedModel = fineTunedModel;
      return this;
    }

    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    public Builder hyperparameters(@Nullable Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder organizationId(@Nullable String organizationId) {
      this.organizationId = organizationId;
      return this;
    }

    public Builder resultFiles(List<String> resultFiles) {
      this.resultFiles = new ArrayList<>(Immutables.list(resultFiles, "resultFiles"));
      return this;
    }

    public Builder status(JobStatus status) {
      this.status = status;
      return this;
    }

    public Builder trainedTokens(@Nullable Long trainedTokens) {
      this.trainedTokens = trainedTokens;
      return this;
    }

    public Builder trainingFile(String trainingFile) {
      this.trainingFile = trainingFile;
      return this;
    }

    public Builder validationFile(@Nullable String validationFile) {
      this.validationFile = validationFile;
      return this;
    }

    public Builder integrations(List<FineTuningIntegration> integrations) {
      this.integrations = new ArrayList<>(Immutables.list(integrations, "integrations"));
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder estimatedFinish(@Nullable Instant estimatedFinish) {
      this.estimatedFinish = estimatedFinish;
      return this;
    }

    public Builder method(@Nullable FineTuneMethod method) {
      this.method = method;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = new LinkedHashMap<>(Immutables.map(metadata, "metadata"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public FineTuningJob build() {
      return new FineTuningJob(this);
    }
  }
}
