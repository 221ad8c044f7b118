package dev.llmkit.finetuning;

import dev.llmkit.chat.ReasoningEffort;
import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Training settings of a fine-tuning job. Every field is optional; unset means the provider
 * default. Supervised jobs use epochs, batch size and learning rate multiplier; DPO adds {@code
 * beta}; reinforcement adds compute multiplier, eval interval, eval samples and reasoning effort.
 * Immutable.
 *
 * <p>Numbers must be positive. OpenAI further limits {@code batch_size} to 1–256, {@code n_epochs}
 * to 1–50 and {@code beta} to at most 2, and rejects other values itself.
 */
public final class Hyperparameters {
  private final @Nullable HyperparameterValue nEpochs;
  private final @Nullable HyperparameterValue batchSize;
  private final @Nullable HyperparameterValue learningRateMultiplier;
  private final @Nullable HyperparameterValue beta;
  private final @Nullable HyperparameterValue computeMultiplier;
  private final @Nullable HyperparameterValue evalInterval;
  private final @Nullable HyperparameterValue evalSamples;
  private final @Nullable ReasoningEffort reasoningEffort;
  private final Map<String, Object> extra;

  private Hyperparameters(Builder b) {
    this.nEpochs = positive(b.nEpochs, "nEpochs");
    this.batchSize = positive(b.batchSize, "batchSize");
    this.learningRateMultiplier = positive(b.learningRateMultiplier, "learningRateMultiplier");
    this.beta = positive(b.beta, "beta");
    this.computeMultiplier = positive(b.computeMultiplier, "computeMultiplier");
    this.evalInterval = positive(b.evalInterval, "evalInterval");
    this.evalSamples = positive(b.evalSamples, "evalSamples");
    this.reasoningEffort = b.reasoningEffort;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  private static @Nullable HyperparameterValue positive(
      @Nullable HyperparameterValue value, String name) {
    if (value != null && value.number().isPresent()) {
      double n = value.number().get().doubleValue();
      Checks.check(n > 0, name + " is " + value + "; it must be \"auto\" or a number above 0");
    }
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code n_epochs}: full passes over the training data. */
  public Optional<HyperparameterValue> nEpochs() {
    return Optional.ofNullable(nEpochs);
  }

  /** {@code batch_size}: examples per batch. */
  public Optional<HyperparameterValue> batchSize() {
    return Optional.ofNullable(batchSize);
  }

  /** {@code learning_rate_multiplier}: scales the learning rate. */
  public Optional<HyperparameterValue> learningRateMultiplier() {
    return Optional.ofNullable(learningRateMultiplier);
  }

  /** {@code beta} (DPO): weight of the penalty between policy and reference model. */
  public Optional<HyperparameterValue> beta() {
    return Optional.ofNullable(beta);
  }

  /** {@code compute_multiplier} (reinforcement). */
  public Optional<HyperparameterValue> computeMultiplier() {
    return Optional.ofNullable(computeMultiplier);
  }

  /** {@code eval_interval} (reinforcement): training steps between evaluation runs. */
  public Optional<HyperparameterValue> evalInterval() {
    return Optional.ofNullable(evalInterval);
  }

  /** {@code eval_samples} (reinforcement): evaluation samples per training step. */
  public Optional<HyperparameterValue> evalSamples() {
    return Optional.ofNullable(evalSamples);
  }

  /**
   * {@code reasoning_effort} (reinforcement): {@code default}, {@code low}, {@code medium}, {@code
   * high}.
   */
  public Optional<ReasoningEffort> reasoningEffort() {
    return Optional.ofNullable(reasoningEffort);
  }

  /** Provider fields this SDK does not model; sent verbatim in requests. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Hyperparameters h
        && Objects.equals(nEpochs, h.nEpochs)
        && Objects.equals(batchSize, h.batchSize)
        && Objects.equals(learningRateMultiplier, h.learningRateMultiplier)
        && Objects.equals(beta, h.beta)
        && Objects.equals(computeMultiplier, h.computeMultiplier)
        && Objects.equals(evalInterval, h.evalInterval)
        && Objects.equals(evalSamples, h.evalSamples)
        && Objects.equals(reasoningEffort, h.reasoningEffort)
        && extra.equals(h.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        nEpochs,
        batchSize,
        learningRateMultiplier,
        beta,
        computeMultiplier,
        evalInterval,
        evalSamples,
        reasoningEffort,
        extra);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Hyperparameters{");
    append(s, "nEpochs", nEpochs);
    append(s, "batchSize", batchSize);
    append(s, "learningRateMultiplier", learningRateMultiplier);
    append(s, "beta", beta);
    append(s, "computeMultiplier", computeMultiplier);
    append(s, "evalInterval", evalInterval);
    append(s, "evalSamples", evalSamples);
    append(s, "reasoningEffort", reasoningEffort == null ? null : reasoningEffort.value());
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    }
    return s.append('}').toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(name).append('=').append(value).append(", ");
    }
  }

  public static final class Builder {
    private @Nullable HyperparameterValue nEpochs;
    private @Nullable HyperparameterValue batchSize;
    private @Nullable HyperparameterValue learningRateMultiplier;
    private @Nullable HyperparameterValue beta;
    private @Nullable HyperparameterValue computeMultiplier;
    private @Nullable HyperparameterValue evalInterval;
    private @Nullable HyperparameterValue evalSamples;
    private @Nullable ReasoningEffort reasoningEffort;
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(Hyperparameters h) {
      this.nEpochs = h.nEpochs;
      this.batchSize = h.batchSize;
      this.learningRateMultiplier = h.learningRateMultiplier;
      this.beta = h.beta;
      this.computeMultiplier = h.computeMultiplier;
      this.evalInterval = h.evalInterval;
      this.evalSamples = h.evalSamples;
      this.reasoningEffort = h.reasoningEffort;
      this.extra = new LinkedHashMap<>(h.extra);
    }

    public Builder nEpochs(@Nullable HyperparameterValue nEpochs) {
      this.nEpochs = nEpochs;
      return this;
    }

    public Builder nEpochs(long nEpochs) {
      return nEpochs(HyperparameterValue.of(nEpochs));
    }

    public Builder batchSize(@Nullable HyperparameterValue batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder batchSize(long batchSize) {
      return batchSize(HyperparameterValue.of(batchSize));
    }

    public Builder learningRateMultiplier(@Nullable HyperparameterValue multiplier) {
      this.learningRateMultiplier = multiplier;
      return this;
    }

    public Builder learningRateMultiplier(double multiplier) {
      return learningRateMultiplier(HyperparameterValue.of(multiplier));
    }

    public Builder beta(@Nullable HyperparameterValue beta) {
      this.beta = beta;
      return this;
    }

    public Builder computeMultiplier(@Nullable HyperparameterValue computeMultiplier) {
      this.computeMultiplier = computeMultiplier;
      return this;
    }

    public Builder evalInterval(@Nullable HyperparameterValue evalInterval) {
      this.evalInterval = evalInterval;
      return this;
    }

    public Builder evalSamples(@Nullable HyperparameterValue evalSamples) {
      this.evalSamples = evalSamples;
      return this;
    }

    public Builder reasoningEffort(@Nullable ReasoningEffort reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public Hyperparameters build() {
      return new Hyperparameters(this);
    }
  }
}
