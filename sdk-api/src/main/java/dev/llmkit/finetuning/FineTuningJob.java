package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
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
  private final JobFields f;

  private FineTuningJob(Builder b) {
    f = b.f.frozen();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String id() {
    return Objects.requireNonNull(f.id);
  }

  public Instant createdAt() {
    return Objects.requireNonNull(f.createdAt);
  }

  /** Why the job failed; present for failed jobs. */
  public Optional<FineTuningJobError> error() {
    return Optional.ofNullable(f.error);
  }

  /** The name of the resulting model, once it exists. */
  public Optional<String> fineTunedModel() {
    return Optional.ofNullable(f.fineTunedModel);
  }

  /** When the job finished, once it has. */
  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(f.finishedAt);
  }

  /** The hyperparameters in effect (reported for supervised jobs). */
  public Optional<Hyperparameters> hyperparameters() {
    return Optional.ofNullable(f.hyperparameters);
  }

  /** The base model being fine-tuned. */
  public String model() {
    return Objects.requireNonNull(f.model);
  }

  /** The provider's object type, {@code "fine_tuning.job"} for OpenAI. */
  public String object() {
    return Objects.requireNonNull(f.object);
  }

  /** The organization owning the job. */
  public Optional<String> organizationId() {
    return Optional.ofNullable(f.organizationId);
  }

  /** The ids of the result files; read them with {@code FileService.content}. */
  public List<String> resultFiles() {
    return f.resultFiles;
  }

  public JobStatus status() {
    return Objects.requireNonNull(f.status);
  }

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return status().isTerminal();
  }

  /** Billable tokens processed, once the job has finished. */
  public Optional<Long> trainedTokens() {
    return Optional.ofNullable(f.trainedTokens);
  }

  public String trainingFile() {
    return Objects.requireNonNull(f.trainingFile);
  }

  public Optional<String> validationFile() {
    return Optional.ofNullable(f.validationFile);
  }

  public List<FineTuningIntegration> integrations() {
    return f.integrations;
  }

  /** The seed used. */
  public Optional<Long> seed() {
    return Optional.ofNullable(f.seed);
  }

  /** When the job is estimated to finish, while it runs. */
  public Optional<Instant> estimatedFinish() {
    return Optional.ofNullable(f.estimatedFinish);
  }

  public Optional<FineTuneMethod> method() {
    return Optional.ofNullable(f.method);
  }

  public Map<String, String> metadata() {
    return f.metadata;
  }

  /** Provider fields this SDK does not model. */
  @SuppressWarnings("unchecked") // frozen: an immutable copy of JSON-like values
  public Map<String, Object> extra() {
    return (Map<String, Object>) f.extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningJob j && f.state().equals(j.f.state());
  }

  @Override
  public int hashCode() {
    return f.state().hashCode();
  }

  @Override
  public String toString() {
    return "FineTuningJob{id="
        + f.id
        + ", model="
        + f.model
        + ", status="
        + f.status
        + (f.fineTunedModel != null ? ", fineTunedModel=" + f.fineTunedModel : "")
        + (f.error != null ? ", error=" + f.error.code() : "")
        + "}";
  }

  public static final class Builder {
    private final JobFields f;

    private Builder() {
      f = new JobFields();
    }

    private Builder(FineTuningJob j) {
      f = j.f.copy();
    }

    public Builder id(String id) {
      f.id = id;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      f.createdAt = createdAt;
      return this;
    }

    public Builder error(@Nullable FineTuningJobError error) {
      f.error = error;
      return this;
    }

    public Builder fineTunedModel(@Nullable String fineTunedModel) {
      f.fineTunedModel = fineTunedModel;
      return this;
    }

    public Builder finishedAt(@Nullable Instant finishedAt) {
      f.finishedAt = finishedAt;
      return this;
    }

    public Builder hyperparameters(@Nullable Hyperparameters hyperparameters) {
      f.hyperparameters = hyperparameters;
      return this;
    }

    public Builder model(String model) {
      f.model = model;
      return this;
    }

    public Builder object(String object) {
      f.object = object;
      return this;
    }

    public Builder organizationId(@Nullable String organizationId) {
      f.organizationId = organizationId;
      return this;
    }

    public Builder resultFiles(List<String> resultFiles) {
      f.resultFiles = new ArrayList<>(Checks.notNull(resultFiles, "resultFiles"));
      return this;
    }

    public Builder status(JobStatus status) {
      f.status = status;
      return this;
    }

    public Builder trainedTokens(@Nullable Long trainedTokens) {
      f.trainedTokens = trainedTokens;
      return this;
    }

    public Builder trainingFile(String trainingFile) {
      f.trainingFile = trainingFile;
      return this;
    }

    public Builder validationFile(@Nullable String validationFile) {
      f.validationFile = validationFile;
      return this;
    }

    public Builder integrations(List<FineTuningIntegration> integrations) {
      f.integrations = new ArrayList<>(Checks.notNull(integrations, "integrations"));
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      f.seed = seed;
      return this;
    }

    public Builder estimatedFinish(@Nullable Instant estimatedFinish) {
      f.estimatedFinish = estimatedFinish;
      return this;
    }

    public Builder method(@Nullable FineTuneMethod method) {
      f.method = method;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      f.metadata = new LinkedHashMap<>(Checks.notNull(metadata, "metadata"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      f.extra = new LinkedHashMap<>(Checks.notNull(extra, "extra"));
      return this;
    }

    public FineTuningJob build() {
      return new FineTuningJob(this);
    }
  }
}
