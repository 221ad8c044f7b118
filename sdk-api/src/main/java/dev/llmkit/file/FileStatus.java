package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * The processing state of a stored file (deprecated by OpenAI, still reported). Values this SDK
 * does not know are kept, never rejected.
 */
public record FileStatus(String value) {
  public static final FileStatus UPLOADED = new FileStatus("uploaded");
  public static final FileStatus PROCESSED = new FileStatus("processed");
  public static final FileStatus ERROR = new FileStatus("error");

  private static final List<FileStatus> KNOWN = List.of(UPLOADED, PROCESSED, ERROR);

  public FileStatus {
    Checks.notBlank(value, "value");
  }

  /** Returns the status for {@code value}, known or not. */
  public static FileStatus of(String value) {
    for (FileStatus known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new FileStatus(value);
  }

  /** Whether this SDK has a constant for this status. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
