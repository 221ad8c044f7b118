package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cursor and page size for listing the events or checkpoints of a job. Immutable; both fields are
 * optional and fall back to the provider default.
 */
public final class ListRequest {
  /** The largest page size accepted. */
  public static final int MAX_LIMIT = 100;

  private static final ListRequest DEFAULTS = new ListRequest(null, null);

  private final @Nullable String after;
  private final @Nullable Integer limit;

  private ListRequest(@Nullable String after, @Nullable Integer limit) {
    Checks.inRange(limit, 1, MAX_LIMIT, "limit");
    this.after = after;
    this.limit = limit;
  }

  /** Returns the entries after {@code after} (none: from the start), {@code limit} per page. */
  public static ListRequest of(@Nullable String after, @Nullable Integer limit) {
    return new ListRequest(after, limit);
  }

  /** The first page with the provider's page size. */
  public static ListRequest defaults() {
    return DEFAULTS;
  }

  /** A copy of this request with another cursor. */
  public ListRequest withAfter(@Nullable String after) {
    return new ListRequest(after, limit);
  }

  /** The cursor: the id of the last entry of the previous page; null = from the newest. */
  public @Nullable String after() {
    return after;
  }

  /** The page size, 1 to {@value #MAX_LIMIT}; null = provider default. */
  public @Nullable Integer limit() {
    return limit;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ListRequest r
        && Objects.equals(after, r.after)
        && Objects.equals(limit, r.limit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(after, limit);
  }

  @Override
  public String toString() {
    return "ListRequest{after=" + after + ", limit=" + limit + "}";
  }
}
