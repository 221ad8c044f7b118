package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A usable model checkpoint saved during a fine-tuning job (OpenAI's {@code
 * fine_tuning.job.checkpoint}). Immutable.
 */
public final class FineTuningCheckpoint {
  private final String id;
  private final Instant createdAt;
  private final String fineTunedModelCheckpoint;
  private final long stepNumber;
  private final Map<String, Double> metrics;
  private final String fineTuningJobId;
  private final String object;
  private final Map<String, Object> extra;

  private FineTuningCheckpoint(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.createdAt = Checks.notNull(b.createdAt, "createdAt");
    this.fineTunedModelCheckpoint =
        Checks.notNull(b.fineTunedModelCheckpoint, "fineTunedModelCheckpoint");
    this.stepNumber = b.stepNumber;
    this.metrics = Immutables.map(b.metrics, "metrics");
    this.fineTuningJobId = Checks.notNull(b.fineTuningJobId, "fineTuningJobId");
    this.object = Checks.notNull(b.object, "object");
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

  /** The name of the checkpoint model, usable wherever a model name is. */
  public String fineTunedModelCheckpoint() {
    return fineTunedModelCheckpoint;
  }

  /** The training step the checkpoint was taken at. */
  public long stepNumber() {
    return stepNumber;
  }

  /** Metrics at that step, e.g. {@code train_loss}, {@code valid_mean_token_accuracy}. */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /** The metric named {@code name}, if reported. */
  public OptionalDouble metric(String name) {
    Double value = metrics.get(Checks.notNull(name, "name"));
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public String fineTuningJobId() {
    return fineTuningJobId;
  }

  /** The provider's object type, {@code "fine_tuning.job.checkpoint"} for OpenAI. */
  public String object() {
    return object;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningCheckpoint c
        && id.equals(c.id)
        && createdAt.equals(c.createdAt)
        && fineTunedModelCheckpoint.equals(c.fineTunedModelCheckpoint)
        && stepNumber == c.stepNumber
        && metrics.equals(c.metrics)
        && fineTuningJobId.equals(c.fineTuningJobId)
        && object.equals(c.object)
        && extra.equals(c.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        createdAt,
        fineTunedModelCheckpoint,
        stepNumber,
        metrics,
        fineTuningJobId,
        object,
        extra);
  }

  @Override
  public String toString() {
    return "FineTuningCheckpoint{id="
        + id
        + ", step="
        + stepNumber
        + ", model="
        + fineTunedModelCheckpoint
        + "}";
  }

  public static final class Builder {
    private @Nullable String id;
    private @Nullable Instant createdAt;
    private @Nullable String fineTunedModelCheckpoint;
    private long stepNumber;
    private Map<String, Double> metrics = new LinkedHashMap<>();
    private @Nullable String fineTuningJobId;
    private String object = "fine_tuning.job.checkpoint";
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(FineTuningCheckpoint c) {
      this.id = c.id;
      this.createdAt = c.createdAt;
      this.fineTunedModelCheckpoint = c.fineTunedModelCheckpoint;
      this.stepNumber = c.stepNumber;
      this.metrics = new LinkedHashMap<>(c.metrics);
      this.fineTuningJobId = c.fineTuningJobId;
      this.object = c.object;
      this.extra = new LinkedHashMap<>(c.extra);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder fineTunedModelCheckpoint(String fineTunedModelCheckpoint) {
      this.fineTunedModelCheckpoint = fineTunedModelCheckpoint;
      return this;
    }

    public Builder stepNumber(long stepNumber) {
      this.stepNumber = stepNumber;
      return this;
    }

    public Builder metrics(Map<String, Double> metrics) {
      this.metrics = new LinkedHashMap<>(Immutables.map(metrics, "metrics"));
      return this;
    }

    public Builder fineTuningJobId(String fineTuningJobId) {
      this.fineTuningJobId = fineTuningJobId;
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public FineTuningCheckpoint build() {
      return new FineTuningCheckpoint(this);
    }
  }
}
