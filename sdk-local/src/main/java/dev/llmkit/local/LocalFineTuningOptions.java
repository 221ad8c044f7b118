package dev.llmkit.local;

import dev.llmkit.local.internal.Args;
import java.util.Objects;

/**
 * How the local provider runs fine-tuning jobs: how many at once, with how many threads, within how
 * much heap. Immutable; build with {@link #builder()} and pass to {@link
 * LocalClient.Builder#fineTuningOptions}.
 *
 * <pre>{@code
 * LocalClient.builder().model("base.gguf")
 *     .fineTuningOptions(LocalFineTuningOptions.builder().maxConcurrentJobs(2).threads(4)
 *         .memoryLimit(2L << 30).build())
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>builder method</th><th>{@code llmkit.local.*} key</th><th>default</th></tr>
 *   <tr><td>{@link Builder#maxConcurrentJobs}</td><td>{@code fine-tuning-concurrency}</td>
 *       <td>1 (more jobs wait {@code queued})</td></tr>
 *   <tr><td>{@link Builder#threads}</td><td>{@code fine-tuning-threads}</td><td>0: the client's
 *       {@code threads}; a job's {@code threads} extra-body value overrides it</td></tr>
 *   <tr><td>{@link Builder#memoryLimit}</td><td>{@code fine-tuning-memory-limit}</td><td>0: half
 *       the maximum heap; a job planned to need more is refused with a 400</td></tr>
 * </table>
 */
public final class LocalFineTuningOptions {
  private static final LocalFineTuningOptions DEFAULTS = builder().build();

  private final int maxConcurrentJobs;
  private final int threads;
  private final long memoryLimit;

  private LocalFineTuningOptions(Builder b) {
    this.maxConcurrentJobs = b.maxConcurrentJobs;
    this.threads = b.threads;
    this.memoryLimit = b.memoryLimit;
  }

  /** All defaults: one job at a time, the client's threads, half the maximum heap. */
  public static LocalFineTuningOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Jobs trained at the same time by one client. */
  public int maxConcurrentJobs() {
    return maxConcurrentJobs;
  }

  /** Threads a job trains with unless it names its own; 0 means the client's thread count. */
  public int threads() {
    return threads;
  }

  /** Most heap bytes one job may plan to use; 0 means half the maximum heap. */
  public long memoryLimit() {
    return memoryLimit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalFineTuningOptions x
        && x.maxConcurrentJobs == maxConcurrentJobs
        && x.threads == threads
        && x.memoryLimit == memoryLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxConcurrentJobs, threads, memoryLimit);
  }

  @Override
  public String toString() {
    return "LocalFineTuningOptions{maxConcurrentJobs="
        + maxConcurrentJobs
        + ", threads="
        + threads
        + ", memoryLimit="
        + memoryLimit
        + "}";
  }

  /** Builds {@link LocalFineTuningOptions}; every setter checks its range. */
  public static final class Builder {
    private int maxConcurrentJobs = 1;
    private int threads;
    private long memoryLimit;

    private Builder() {}

    /** 1 to 64 jobs trained at once; default 1. */
    public Builder maxConcurrentJobs(int jobs) {
      Args.check(
          jobs >= 1 && jobs <= 64, "maxConcurrentJobs is " + jobs + "; allowed range is 1 to 64");
      this.maxConcurrentJobs = jobs;
      return this;
    }

    /** 0 to 1024 training threads per job; default 0, the client's thread count. */
    public Builder threads(int threads) {
      Args.check(
          threads >= 0 && threads <= 1024,
          "threads is " + threads + "; allowed range is 0 (the client's) to 1024");
      this.threads = threads;
      return this;
    }

    /** Heap bytes one job may plan to use; default 0, half the maximum heap. */
    public Builder memoryLimit(long bytes) {
      Args.check(
          bytes >= 0, "memoryLimit is " + bytes + "; it must be 0 (half the heap) or" + " more");
      this.memoryLimit = bytes;
      return this;
    }

    public LocalFineTuningOptions build() {
      return new LocalFineTuningOptions(this);
    }
  }
}
