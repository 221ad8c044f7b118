package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link FineTuningService#awaitCompletionAsync(String, AwaitOptions)} polls: the first wait
 * between polls, how it grows ({@code interval × multiplier} after each poll, capped at the
 * maximum), the overall time limit, and the {@link Scheduler} that runs polls and timers.
 * Immutable.
 *
 * <p>Defaults: 5 s initial interval, 60 s maximum, multiplier 2, 24 h timeout, 100 events per page,
 * {@link Schedulers#io()}. Tests pass a {@code TestScheduler} so no wall time passes.
 */
public final class AwaitOptions {
  private static final AwaitOptions DEFAULTS = builder().build();

  private final Duration initialInterval;
  private final Duration maxInterval;
  private final double multiplier;
  private final Duration timeout;
  private final int eventPageSize;
  private final Scheduler scheduler;

  private AwaitOptions(Builder b) {
    this.initialInterval = positive(b.initialInterval, "initialInterval");
    this.maxInterval = positive(b.maxInterval, "maxInterval");
    Checks.check(
        maxInterval.compareTo(initialInterval) >= 0,
        "maxInterval is "
            + maxInterval
            + "; it must not be shorter than initialInterval ("
            + initialInterval
            + ")");
    Checks.check(
        b.multiplier >= 1.0 && Double.isFinite(b.multiplier),
        "multiplier is " + b.multiplier + "; it must be a finite number of 1 or more");
    this.multiplier = b.multiplier;
    this.timeout = positive(b.timeout, "timeout");
    Checks.inRange(b.eventPageSize, 1, ListRequest.MAX_LIMIT, "eventPageSize");
    this.eventPageSize = b.eventPageSize;
    this.scheduler = Checks.notNull(b.scheduler, "scheduler");
  }

  private static Duration positive(@Nullable Duration d, String name) {
    Duration value = Checks.notNull(d, name);
    Checks.check(
        !value.isNegative() && !value.isZero(), name + " is " + value + "; it must be positive");
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default options. */
  public static AwaitOptions defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The wait after the first poll. */
  public Duration initialInterval() {
    return initialInterval;
  }

  /** The longest wait between polls. */
  public Duration maxInterval() {
    return maxInterval;
  }

  /** The factor the wait grows by after each poll. */
  public double multiplier() {
    return multiplier;
  }

  /** The overall limit, counted from subscription. */
  public Duration timeout() {
    return timeout;
  }

  /** How many events to request per page when looking for new events. */
  public int eventPageSize() {
    return eventPageSize;
  }

  /** Runs the polls (which block on I/O) and the timers. */
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AwaitOptions a
        && initialInterval.equals(a.initialInterval)
        && maxInterval.equals(a.maxInterval)
        && multiplier == a.multiplier
        && timeout.equals(a.timeout)
        && eventPageSize == a.eventPageSize
        && scheduler.equals(a.scheduler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        initialInterval, maxInterval, multiplier, timeout, eventPageSize, scheduler);
  }

  @Override
  public String toString() {
    return "AwaitOptions{initialInterval="
        + initialInterval
        + ", maxInterval="
        + maxInterval
        + ", multiplier="
        + multiplier
        + ", timeout="
        + timeout
        + "}";
  }

  public static final class Builder {
    private Duration initialInterval = Duration.ofSeconds(5);
    private Duration maxInterval = Duration.ofSeconds(60);
    private double multiplier = 2.0;
    private Duration timeout = Duration.ofHours(24);
    private int eventPageSize = 100;
    private Scheduler scheduler = Schedulers.io();

    private Builder() {}

    private Builder(AwaitOptions o) {
      this.initialInterval = o.initialInterval;
      this.maxInterval = o.maxInterval;
      this.multiplier = o.multiplier;
      this.timeout = o.timeout;
      this.eventPageSize = o.eventPageSize;
      this.scheduler = o.scheduler;
    }

    public Builder initialInterval(Duration initialInterval) {
      this.initialInterval = initialInterval;
      return this;
    }

    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
      return this;
    }

    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder eventPageSize(int eventPageSize) {
      this.eventPageSize = eventPageSize;
      return this;
    }

    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public AwaitOptions build() {
      return new AwaitOptions(this);
    }
  }
}
