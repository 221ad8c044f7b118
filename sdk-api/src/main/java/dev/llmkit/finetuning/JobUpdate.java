package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One item of {@link FineTuningService#awaitCompletionAsync(String, AwaitOptions)}: either a job
 * snapshot whose status changed, or an event not seen before. Immutable.
 */
public final class JobUpdate {
  /** What a {@link JobUpdate} carries. */
  public enum Kind {
    /** A job snapshot: {@link #job()} is present. */
    JOB,
    /** A new event: {@link #event()} is present. */
    EVENT
  }

  private final @Nullable FineTuningJob job;
  private final @Nullable FineTuningJobEvent event;

  private JobUpdate(@Nullable FineTuningJob job, @Nullable FineTuningJobEvent event) {
    this.job = job;
    this.event = event;
  }

  public static JobUpdate of(FineTuningJob job) {
    return new JobUpdate(Checks.notNull(job, "job"), null);
  }

  public static JobUpdate of(FineTuningJobEvent event) {
    return new JobUpdate(null, Checks.notNull(event, "event"));
  }

  public Kind kind() {
    return job != null ? Kind.JOB : Kind.EVENT;
  }

  public boolean isJob() {
    return job != null;
  }

  public boolean isEvent() {
    return event != null;
  }

  /** The job snapshot of a {@link Kind#JOB} update. */
  public Optional<FineTuningJob> job() {
    return Optional.ofNullable(job);
  }

  /** The event of a {@link Kind#EVENT} update. */
  public Optional<FineTuningJobEvent> event() {
    return Optional.ofNullable(event);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JobUpdate u && Objects.equals(job, u.job) && Objects.equals(event, u.event);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, event);
  }

  @Override
  public String toString() {
    return "JobUpdate{" + (job != null ? job : event) + "}";
  }
}
