package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * What a stored file is for, such as {@code "fine-tune"} or {@code "batch"}. Values this SDK does
 * not know are kept, never rejected.
 */
public record FilePurpose(String value) {
  public static final FilePurpose ASSISTANTS = new FilePurpose("assistants");
  public static final FilePurpose ASSISTANTS_OUTPUT = new FilePurpose("assistants_output");
  public static final FilePurpose BATCH = new FilePurpose("batch");
  public static final FilePurpose BATCH_OUTPUT = new FilePurpose("batch_output");
  public static final FilePurpose FINE_TUNE = new FilePurpose("fine-tune");
  public static final FilePurpose FINE_TUNE_RESULTS = new FilePurpose("fine-tune-results");
  public static final FilePurpose VISION = new FilePurpose("vision");
  public static final FilePurpose USER_DATA = new FilePurpose("user_data");
  public static final FilePurpose EVALS = new FilePurpose("evals");

  private static final List<FilePurpose> KNOWN =
      List.of(
          ASSISTANTS,
          ASSISTANTS_OUTPUT,
          BATCH,
          BATCH_OUTPUT,
          FINE_TUNE,
          FINE_TUNE_RESULTS,
          VISION,
          USER_DATA,
          EVALS);

  public FilePurpose {
    Checks.notBlank(value, "value");
  }

  /** Returns the purpose for {@code value}, known or not. */
  public static FilePurpose of(String value) {
    for (FilePurpose known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new FilePurpose(value);
  }

  /** Whether this SDK has a constant for this purpose. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
