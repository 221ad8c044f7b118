package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * The author of a chat message, sent as {@code role}.
 *
 * <p>An open enum: {@link #of(String)} accepts any value, so values this SDK does not know yet are
 * kept rather than rejected; {@link #isKnown()} tells them apart.
 */
public record Role(String value) {
  /** Instructions from the application; newer models prefer {@link #DEVELOPER}. */
  public static final Role SYSTEM = new Role("system");

  /** Instructions from the application developer that the model should follow. */
  public static final Role DEVELOPER = new Role("developer");

  /** A message from the end user. */
  public static final Role USER = new Role("user");

  /** A message from the model, or a prior turn of it. */
  public static final Role ASSISTANT = new Role("assistant");

  /** The result of a tool call, answering the call with the same id. */
  public static final Role TOOL = new Role("tool");

  private static final List<Role> KNOWN = List.of(SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL);

  /** Creates a value; prefer the constants and {@link #of(String)}. */
  public Role {
    Checks.notBlank(value, "value");
  }

  /** Returns the constant for {@code value} when there is one, else a new instance. */
  public static Role of(String value) {
    Checks.notBlank(value, "value");
    for (Role known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new Role(value);
  }

  /** The values this SDK version knows. */
  public static List<Role> knownValues() {
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
