package dev.llmkit.finetuning;

import dev.llmkit.LlmException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fine-tuning job did not reach a terminal state within the time the caller allowed. The job
 * itself keeps running; await it again or cancel it. Raised by llmkit on the client side, so {@link
 * #provider()} is {@value #PROVIDER}.
 */
public final class FineTuningTimeoutException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** The provider id of errors raised by llmkit itself rather than a provider. */
  public static final String PROVIDER = "llmkit";

  private final String jobId;
  private final Duration timeout;
  private final transient @Nullable FineTuningJob lastJob;

  public FineTuningTimeoutException(
      String jobId,
      Duration timeout,
      @Nullable FineTuningJob lastJob,
      @Nullable Throwable lastPollError) {
    super(
        PROVIDER,
        "fine-tuning job "
            + jobId
            + " did not finish within "
            + timeout
            + (lastJob != null
                ? "; last status: " + lastJob.status()
                : "; its status was never read")
            + (lastPollError != null ? "; last poll failed: " + lastPollError.getMessage() : ""),
        lastPollError);
    this.jobId = jobId;
    this.timeout = timeout;
    this.lastJob = lastJob;
  }

  public String jobId() {
    return jobId;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The last snapshot read before the time ran out. */
  public Optional<FineTuningJob> lastJob() {
    return Optional.ofNullable(lastJob);
  }
}
