package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * How hard a reasoning model thinks before answering ({@code reasoning_effort}). Less effort
 * answers faster with fewer reasoning tokens.
 *
 * <p>An open enum: {@link #of(String)} accepts any value, so values this SDK does not know yet are
 * kept rather than rejected; {@link #isKnown()} tells them apart.
 */
public record ReasoningEffort(String value) {
  /** No reasoning. */
  public static final ReasoningEffort NONE = new ReasoningEffort("none");

  /** Minimal reasoning. */
  public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");

  /** Low effort. */
  public static final ReasoningEffort LOW = new ReasoningEffort("low");

  /** Medium effort, the provider default. */
  public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");

  /** High effort. */
  public static final ReasoningEffort HIGH = new ReasoningEffort("high");

  /** Extra-high effort. */
  public static final ReasoningEffort XHIGH = new ReasoningEffort("xhigh");

  /** The most effort the model offers. */
  public static final ReasoningEffort MAX = new ReasoningEffort("max");

  private static final List<ReasoningEffort> KNOWN =
      List.of(NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX);

  /** Creates a value; prefer the constants and {@link #of(String)}. */
  public ReasoningEffort {
    Checks.notBlank(value, "value");
  }

  /** Returns the constant for {@code value} when there is one, else a new instance. */
  public static ReasoningEffort of(String value) {
    Checks.notBlank(value, "value");
    for (ReasoningEffort known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new ReasoningEffort(value);
  }

  /** The values this SDK version knows. */
  public static List<ReasoningEffort> knownValues() {
    return KNOWN;
  }

  /** Whether this SDK version has a constant for this value. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
