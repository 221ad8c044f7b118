package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a fine-tuning job failed, as reported inside the job object. This is data returned with a
 * successful response, not an exception. Immutable.
 */
public final class FineTuningJobError {
  private final String code;
  private final String message;
  private final @Nullable String param;

  private FineTuningJobError(String code, String message, @Nullable String param) {
    this.code = Checks.notNull(code, "code");
    this.message = Checks.notNull(message, "message");
    this.param = param;
  }

  public static FineTuningJobError of(String code, String message, @Nullable String param) {
    return new FineTuningJobError(code, message, param);
  }

  /** A machine-readable error code. */
  public String code() {
    return code;
  }

  /** A human-readable explanation. */
  public String message() {
    return message;
  }

  /** The invalid parameter, usually {@code training_file} or {@code validation_file}. */
  public Optional<String> param() {
    return Optional.ofNullable(param);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningJobError e
        && code.equals(e.code)
        && message.equals(e.message)
        && Objects.equals(param, e.param);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, message, param);
  }

  @Override
  public String toString() {
    return "FineTuningJobError{code="
        + code
        + ", message="
        + message
        + (param != null ? ", param=" + param : "")
        + "}";
  }
}
