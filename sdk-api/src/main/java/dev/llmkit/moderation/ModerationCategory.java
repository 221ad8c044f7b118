package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * A moderation category such as {@code "violence/graphic"}. Values this SDK does not know are kept,
 * never rejected, so a provider adding a category does not break callers.
 */
public record ModerationCategory(String value) {
  public static final ModerationCategory HARASSMENT = new ModerationCategory("harassment");
  public static final ModerationCategory HARASSMENT_THREATENING =
      new ModerationCategory("harassment/threatening");
  public static final ModerationCategory HATE = new ModerationCategory("hate");
  public static final ModerationCategory HATE_THREATENING =
      new ModerationCategory("hate/threatening");
  public static final ModerationCategory ILLICIT = new ModerationCategory("illicit");
  public static final ModerationCategory ILLICIT_VIOLENT =
      new ModerationCategory("illicit/violent");
  public static final ModerationCategory SELF_HARM = new ModerationCategory("self-harm");
  public static final ModerationCategory SELF_HARM_INTENT =
      new ModerationCategory("self-harm/intent");
  public static final ModerationCategory SELF_HARM_INSTRUCTIONS =
      new ModerationCategory("self-harm/instructions");
  public static final ModerationCategory SEXUAL = new ModerationCategory("sexual");
  public static final ModerationCategory SEXUAL_MINORS = new ModerationCategory("sexual/minors");
  public static final ModerationCategory VIOLENCE = new ModerationCategory("violence");
  public static final ModerationCategory VIOLENCE_GRAPHIC =
      new ModerationCategory("violence/graphic");

  private static final List<ModerationCategory> KNOWN =
      List.of(
          HARASSMENT,
          HARASSMENT_THREATENING,
          HATE,
          HATE_THREATENING,
          ILLICIT,
          ILLICIT_VIOLENT,
          SELF_HARM,
          SELF_HARM_INTENT,
          SELF_HARM_INSTRUCTIONS,
          SEXUAL,
          SEXUAL_MINORS,
          VIOLENCE,
          VIOLENCE_GRAPHIC);

  public ModerationCategory {
    Checks.notBlank(value, "value");
  }

  /** Returns the category for {@code value}, known or not. */
  public static ModerationCategory of(String value) {
    for (ModerationCategory known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new ModerationCategory(value);
  }

  /** The categories this SDK has constants for, in the order the OpenAI API documents them. */
  public static List<ModerationCategory> known() {
    return KNOWN;
  }

  /** Whether this SDK has a constant for this category. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
