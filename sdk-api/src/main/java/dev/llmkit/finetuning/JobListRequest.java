package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which fine-tuning jobs {@link FineTuningService#list(JobListRequest)} returns. Immutable; every
 * field is optional and falls back to the provider default.
 */
public final class JobListRequest {
  private static final JobListRequest DEFAULTS = builder().build();

  private final @Nullable String after;
  private final @Nullable Integer limit;
  private final Map<String, String> metadata;

  private JobListRequest(Builder b) {
    Checks.inRange(b.limit, 1, ListRequest.MAX_LIMIT, "limit");
    this.after = b.after;
    this.limit = b.limit;
    this.metadata = Immutables.map(b.metadata, "metadata");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The first page with the provider's page size and no filter. */
  public static JobListRequest defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The cursor: the id of the last job of the previous page; null = from the newest. */
  public @Nullable String after() {
    return after;
  }

  /** The page size, 1 to {@value ListRequest#MAX_LIMIT}; null = provider default. */
  public @Nullable Integer limit() {
    return limit;
  }

  /** Only jobs whose metadata has all these key-value pairs; empty means no filter. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JobListRequest r
        && Objects.equals(after, r.after)
        && Objects.equals(limit, r.limit)
        && metadata.equals(r.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(after, limit, metadata);
  }

  @Override
  public String toString() {
    return "JobListRequest{after=" + after + ", limit=" + limit + ", metadata=" + metadata + "}";
  }

  public static final class Builder {
    private @Nullable String after;
    private @Nullable Integer limit;
    private Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    private Builder(JobListRequest r) {
      this.after = r.after;
      this.limit = r.limit;
      this.metadata = new LinkedHashMap<>(r.metadata);
    }

    public Builder after(@Nullable String after) {
      this.after = after;
      return this;
    }

    public Builder limit(@Nullable Integer limit) {
      this.limit = limit;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = new LinkedHashMap<>(Immutables.map(metadata, "metadata"));
      return this;
    }

    public Builder putMetadata(String key, String value) {
      metadata.put(Checks.notNull(key, "key"), Checks.notNull(value, "value"));
      return this;
    }

    public JobListRequest build() {
      return new JobListRequest(this);
    }
  }
}
