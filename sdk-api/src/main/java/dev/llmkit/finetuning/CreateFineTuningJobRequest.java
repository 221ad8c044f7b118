package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to start a fine-tuning job. Immutable; build with {@link #builder()}. {@code model} and
 * {@code trainingFile} (the id of an uploaded file with purpose {@code fine-tune}) are required.
 *
 * <p>Prefer {@link #method()} for hyperparameters; the top-level {@link #hyperparameters()} is the
 * provider's deprecated form, still sent when set.
 */
public final class CreateFineTuningJobRequest {
  /** The most metadata entries a job may carry. */
  public static final int MAX_METADATA = 16;

  /** The most integrations a job may enable. */
  public static final int MAX_INTEGRATIONS = 5;

  private final String model;
  private final String trainingFile;
  private final @Nullable String validationFile;
  private final @Nullable String suffix;
  private final @Nullable Long seed;
  private final Map<String, String> metadata;
  private final @Nullable FineTuneMethod method;
  private final @Nullable Hyperparameters hyperparameters;
  private final List<FineTuningIntegration> integrations;
  private final Map<String, Object> extraBody;

  private CreateFineTuningJobRequest(Builder b) {
    this.model = Checks.notBlank(b.model, "model");
    this.trainingFile = Checks.notBlank(b.trainingFile, "trainingFile");
    this.validationFile = b.validationFile;
    if (b.suffix != null) {
      Checks.check(
          !b.suffix.isEmpty() && b.suffix.length() <= 64,
          "suffix has " + b.suffix.length() + " characters; 1 to 64 are allowed");
    }
    this.suffix = b.suffix;
    Checks.atLeast(b.seed, 0, "seed");
    this.seed = b.seed;
    this.metadata = Immutables.map(b.metadata, "metadata");
    Checks.check(
        metadata.size() <= MAX_METADATA,
        "metadata has " + metadata.size() + " entries; at most " + MAX_METADATA + " are allowed");
    metadata.forEach(
        (k, v) -> {
          Checks.check(k.length() <= 64, "metadata key '" + k + "' is longer than 64 characters");
          Checks.check(
              v.length() <= 512,
              "metadata['" + k + "'] has " + v.length() + " characters; at most 512 are allowed");
        });
    this.method = b.method;
    this.hyperparameters = b.hyperparameters;
    this.integrations = Immutables.list(b.integrations, "integrations");
    Checks.atMost(integrations, MAX_INTEGRATIONS, "integrations");
    this.extraBody = Immutables.extra(b.extraBody, "extraBody");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The base model to fine-tune. */
  public String model() {
    return model;
  }

  /** The id of the uploaded training file. */
  public String trainingFile() {
    return trainingFile;
  }

  /** The id of the uploaded validation file; null = none. */
  public @Nullable String validationFile() {
    return validationFile;
  }

  /** Up to 64 characters added to the fine-tuned model's name; null = none. */
  public @Nullable String suffix() {
    return suffix;
  }

  /** The seed for reproducibility; the provider picks one when null. */
  public @Nullable Long seed() {
    return seed;
  }

  /** Up to 16 key-value pairs attached to the job. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The training method and its hyperparameters; null = the provider default. */
  public @Nullable FineTuneMethod method() {
    return method;
  }

  /** The deprecated top-level hyperparameters ({@code n_epochs}, {@code batch_size}, …). */
  public @Nullable Hyperparameters hyperparameters() {
    return hyperparameters;
  }

  /** Integrations to enable, at most {@value #MAX_INTEGRATIONS}. */
  public List<FineTuningIntegration> integrations() {
    return integrations;
  }

  /** Provider fields sent verbatim in the request body. */
  public Map<String, Object> extraBody() {
    return extraBody;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CreateFineTuningJobRequest r
        && model.equals(r.model)
        && trainingFile.equals(r.trainingFile)
        && Objects.equals(validationFile, r.validationFile)
        && Objects.equals(suffix, r.suffix)
        && Objects.equals(seed, r.seed)
        && metadata.equals(r.metadata)
        && Objects.equals(method, r.method)
        && Objects.equals(hyperparameters, r.hyperparameters)
        && integrations.equals(r.integrations)
        && extraBody.equals(r.extraBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        trainingFile,
        validationFile,
        suffix,
        seed,
        metadata,
        method,
        hyperparameters,
        integrations,
        extraBody);
  }

  @Override
  public String toString() {
    return "CreateFineTuningJobRequest{model="
        + model
        + ", trainingFile="
        + trainingFile
        + (validationFile != null ? ", validationFile=" + validationFile : "")
        + (suffix != null ? ", suffix=" + suffix : "")
        + (method != null ? ", method=" + method : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String model;
    private @Nullable String trainingFile;
    private @Nullable String validationFile;
    private @Nullable String suffix;
    private @Nullable Long seed;
    private Map<String, String> metadata = new LinkedHashMap<>();
    private @Nullable FineTuneMethod method;
    private @Nullable Hyperparameters hyperparameters;
    private List<FineTuningIntegration> integrations = new ArrayList<>();
    private Map<String, Object> extraBody = new LinkedHashMap<>();

    private Builder() {}

    private Builder(CreateFineTuningJobRequest r) {
      this.model = r.model;
      this.trainingFile = r.trainingFile;
      this.validationFile = r.validationFile;
      this.suffix = r.suffix;
      this.seed = r.seed;
      this.metadata = new LinkedHashMap<>(r.metadata);
      this.method = r.method;
      this.hyperparameters = r.hyperparameters;
      this.integrations = new ArrayList<>(r.integrations);
      this.extraBody = new LinkedHashMap<>(r.extraBody);
    }

    public Builder model(String model) {
      this.model = model;
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

    public Builder suffix(@Nullable String suffix) {
      this.suffix = suffix;
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = new LinkedHashMap<>(Immutables.map(metadata, "metadata"));
      return this;
    }

    public Builder putMetadata(String key, String value) {
      metadata.put(Checks.notNull(key, "key"), Checks.notNull(value, "value"));
      return this;
    }

    public Builder method(@Nullable FineTuneMethod method) {
      this.method = method;
      return this;
    }

    /** Sets the deprecated top-level hyperparameters; prefer {@link #method(FineTuneMethod)}. */
    public Builder hyperparameters(@Nullable Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    public Builder integrations(List<FineTuningIntegration> integrations) {
      this.integrations = new ArrayList<>(Immutables.list(integrations, "integrations"));
      return this;
    }

    public Builder addIntegration(FineTuningIntegration integration) {
      integrations.add(Checks.notNull(integration, "integration"));
      return this;
    }

    public Builder extraBody(Map<String, ?> extraBody) {
      this.extraBody = new LinkedHashMap<>(Immutables.extra(extraBody, "extraBody"));
      return this;
    }

    public Builder putExtraBody(String key, Object value) {
      Checks.notNull(key, "key");
      extraBody.put(key, Checks.notNull(value, "value"));
      return this;
    }

    public CreateFineTuningJobRequest build() {
      return new CreateFineTuningJobRequest(this);
    }
  }
}
