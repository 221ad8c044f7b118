package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a job trains: supervised, DPO (preference pairs) or reinforcement (a grader scores outputs),
 * with that method's {@link Hyperparameters}. Immutable.
 *
 * <p>The reinforcement grader is kept as a JSON-like map (string check, text similarity, python,
 * score model or multi grader, as the provider documents), sent and received verbatim.
 */
public final class FineTuneMethod {
  private final MethodType type;
  private final @Nullable Hyperparameters hyperparameters;
  private final Map<String, Object> grader;
  private final Map<String, Object> extra;

  private FineTuneMethod(Builder b) {
    this.type = Checks.notNull(b.type, "type");
    this.hyperparameters = b.hyperparameters;
    this.grader = Immutables.extra(b.grader, "grader");
    if (type.equals(MethodType.REINFORCEMENT)) {
      Checks.check(
          !grader.isEmpty(), "grader is empty; the reinforcement method requires a grader");
    }
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Supervised fine-tuning with default hyperparameters. */
  public static FineTuneMethod supervised() {
    return builder().type(MethodType.SUPERVISED).build();
  }

  /** Supervised fine-tuning. */
  public static FineTuneMethod supervised(Hyperparameters hyperparameters) {
    return builder().type(MethodType.SUPERVISED).hyperparameters(hyperparameters).build();
  }

  /** Direct preference optimization. */
  public static FineTuneMethod dpo(Hyperparameters hyperparameters) {
    return builder().type(MethodType.DPO).hyperparameters(hyperparameters).build();
  }

  /** Reinforcement fine-tuning scored by {@code grader} (a JSON-like map). */
  public static FineTuneMethod reinforcement(
      Map<String, ?> grader, @Nullable Hyperparameters hyperparameters) {
    return builder()
        .type(MethodType.REINFORCEMENT)
        .grader(grader)
        .hyperparameters(hyperparameters)
        .build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public MethodType type() {
    return type;
  }

  /** The method's hyperparameters; empty means provider defaults. */
  public Optional<Hyperparameters> hyperparameters() {
    return Optional.ofNullable(hyperparameters);
  }

  /** The reinforcement grader; empty for other methods. */
  public Map<String, Object> grader() {
    return grader;
  }

  /** Provider fields of the method object this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuneMethod m
        && type.equals(m.type)
        && Objects.equals(hyperparameters, m.hyperparameters)
        && grader.equals(m.grader)
        && extra.equals(m.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, hyperparameters, grader, extra);
  }

  @Override
  public String toString() {
    return "FineTuneMethod{type="
        + type
        + (hyperparameters != null ? ", hyperparameters=" + hyperparameters : "")
        + (grader.isEmpty() ? "" : ", grader=" + grader.getOrDefault("type", "?"))
        + "}";
  }

  public static final class Builder {
    private @Nullable MethodType type;
    private @Nullable Hyperparameters hyperparameters;
    private Map<String, Object> grader = new LinkedHashMap<>();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(FineTuneMethod m) {
      this.type = m.type;
      this.hyperparameters = m.hyperparameters;
      this.grader = new LinkedHashMap<>(m.grader);
      this.extra = new LinkedHashMap<>(m.extra);
    }

    public Builder type(MethodType type) {
      this.type = type;
      return this;
    }

    public Builder hyperparameters(@Nullable Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    public Builder grader(Map<String, ?> grader) {
      this.grader = new LinkedHashMap<>(Immutables.extra(grader, "grader"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public FineTuneMethod build() {
      return new FineTuneMethod(this);
    }
  }
}
