package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.List;

/**
 * The state of a fine-tuning job. Values this SDK does not know are kept, never rejected; they
 * count as not terminal.
 */
public record JobStatus(String value) {
  public static final JobStatus VALIDATING_FILES = new JobStatus("validating_files");
  public static final JobStatus QUEUED = new JobStatus("queued");
  public static final JobStatus RUNNING = new JobStatus("running");
  public static final JobStatus SUCCEEDED = new JobStatus("succeeded");
  public static final JobStatus FAILED = new JobStatus("failed");
  public static final JobStatus CANCELLED = new JobStatus("cancelled");

  private static final List<JobStatus> KNOWN =
      List.of(VALIDATING_FILES, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED);

  public JobStatus {
    Checks.notBlank(value, "value");
  }

  /** Returns the status for {@code value}, known or not. */
  public static JobStatus of(String value) {
    for (JobStatus known : KNOWN) {
      if (known.value.equals(value)) {
        return known;
      }
    }
    return new JobStatus(value);
  }

  /** Whether this SDK has a constant for this status. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** Whether the job can no longer change: succeeded, failed or cancelled. */
  public boolean isTerminal() {
    return equals(SUCCEEDED) || equals(FAILED) || equals(CANCELLED);
  }

  @Override
  public String toString() {
    return value;
  }
}
