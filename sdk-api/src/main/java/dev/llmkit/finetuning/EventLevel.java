package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.List;

/** The log level of a {@link FineTuningJobEvent}. Values this SDK does not know are kept. */
public record EventLevel(String value) {
  public static final EventLevel INFO = new EventLevel("info");
  public static final EventLevel WARN = new EventLevel("warn");
  public static final EventLevel ERROR = new EventLevel("error");

  private static final List<EventLevel> KNOWN = List.of(INFO, WARN, ERROR);

  public EventLevel {
    Checks.notBlank(value, "value");
  }

  /** Returns the level for {@code value}, known or not. */
  public static EventLevel of(String value) {
    for (EventLevel known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new EventLevel(value);
  }

  /** Whether this SDK has a constant for this level. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
