package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * A fine-tuning method: supervised, DPO or reinforcement. Values this SDK does not know are kept.
 */
public record MethodType(String value) {
  public static final MethodType SUPERVISED = new MethodType("supervised");
  public static final MethodType DPO = new MethodType("dpo");
  public static final MethodType REINFORCEMENT = new MethodType("reinforcement");

  private static final List<MethodType> KNOWN = List.of(SUPERVISED, DPO, REINFORCEMENT);

  public MethodType {
    Checks.notBlank(value, "value");
  }

  /** Returns the method type for {@code value}, known or not. */
  public static MethodType of(String value) {
    for (MethodType known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new MethodType(value);
  }

  /** Whether this SDK has a constant for this method type. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
