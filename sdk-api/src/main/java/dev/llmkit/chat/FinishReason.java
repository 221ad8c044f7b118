package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * Why the model stopped generating ({@code finish_reason}).
 *
 * <p>An open enum: {@link #of(String)} accepts any value, so values this SDK does not know yet are
 * kept rather than rejected; {@link #isKnown()} tells them apart.
 */
public record FinishReason(String value) {
  /** A natural stop point or a stop sequence. */
  public static final FinishReason STOP = new FinishReason("stop");

  /** The token limit of the request or of the model's context. */
  public static final FinishReason LENGTH = new FinishReason("length");

  /** The model called one or more tools. */
  public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");

  /** Content was omitted by the provider's filters. */
  public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");

  /** The model called a function (the deprecated form of tool calls). */
  public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

  private static final List<FinishReason> KNOWN =
      List.of(STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, FUNCTION_CALL);

  /** Creates a value; prefer the constants and {@link #of(String)}. */
  public FinishReason {
    Checks.notBlank(value, "value");
  }

  /** Returns the constant for {@code value} when there is one, else a new instance. */
  public static FinishReason of(String value) {
    Checks.notBlank(value, "value");
    for (FinishReason known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new FinishReason(value);
  }

  /** The values this SDK version knows. */
  public static List<FinishReason> knownValues() {
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
