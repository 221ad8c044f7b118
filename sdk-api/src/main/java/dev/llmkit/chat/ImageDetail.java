package dev.llmkit.chat;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * How closely the model looks at an image content part ({@code detail}).
 *
 * <p>An open enum: {@link #of(String)} accepts any value, so values this SDK does not know yet are
 * kept rather than rejected; {@link #isKnown()} tells them apart.
 */
public record ImageDetail(String value) {
  /** The model decides. */
  public static final ImageDetail AUTO = new ImageDetail("auto");

  /** A low-resolution look, costing fewer tokens. */
  public static final ImageDetail LOW = new ImageDetail("low");

  /** A high-resolution look, costing more tokens. */
  public static final ImageDetail HIGH = new ImageDetail("high");

  private static final List<ImageDetail> KNOWN = List.of(AUTO, LOW, HIGH);

  /** Creates a value; prefer the constants and {@link #of(String)}. */
  public ImageDetail {
    Checks.notBlank(value, "value");
  }

  /** Returns the constant for {@code value} when there is one, else a new instance. */
  public static ImageDetail of(String value) {
    Checks.notBlank(value, "value");
    for (ImageDetail known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new ImageDetail(value);
  }

  /** The values this SDK version knows. */
  public static List<ImageDetail> knownValues() {
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
