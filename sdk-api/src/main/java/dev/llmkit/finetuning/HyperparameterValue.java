package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A hyperparameter setting: either {@code "auto"} (the provider chooses) or a number. Integral
 * settings such as {@code n_epochs} use {@link #of(long)}, real ones such as {@code
 * learning_rate_multiplier} use {@link #of(double)}. Immutable.
 */
public final class HyperparameterValue {
  /** The wire value meaning "let the provider choose". */
  public static final String AUTO_VALUE = "auto";

  private static final HyperparameterValue AUTO = new HyperparameterValue(null);

  private final @Nullable Number number;

  private HyperparameterValue(@Nullable Number number) {
    this.number = number;
  }

  /** The provider chooses the value. */
  public static HyperparameterValue auto() {
    return AUTO;
  }

  /** An integral value, such as a number of epochs or a batch size. */
  public static HyperparameterValue of(long value) {
    return new HyperparameterValue(value);
  }

  /**
   * A real value, such as a learning rate multiplier.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static HyperparameterValue of(double value) {
    Checks.check(Double.isFinite(value), "value is " + value + "; it must be a finite number");
    return new HyperparameterValue(value);
  }

  /** Whether the provider chooses the value. */
  public boolean isAuto() {
    return number == null;
  }

  /** Whether this is an integral number set with {@link #of(long)}. */
  public boolean isInteger() {
    return number instanceof Long;
  }

  /** The number, a {@link Long} or a {@link Double}; empty for auto. */
  public Optional<Number> number() {
    return Optional.ofNullable(number);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HyperparameterValue v && Objects.equals(number, v.number);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(number);
  }

  /** {@code "auto"} or the number. */
  @Override
  public String toString() {
    return number == null ? AUTO_VALUE : number.toString();
  }
}
