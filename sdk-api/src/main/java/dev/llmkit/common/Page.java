package dev.llmkit.common;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list the provider returns in pieces (files, fine-tuning jobs, job events).
 * Immutable; build with {@link #builder()}.
 *
 * <p>To fetch the next page, pass {@link #lastId()} as the {@code after} cursor of the listing call
 * while {@link #hasMore()} is true.
 *
 * @param <T> the element type
 */
public final class Page<T> {
  private final List<T> data;
  private final boolean hasMore;
  private final @Nullable String firstId;
  private final @Nullable String lastId;
  private final Map<String, Object> extra;

  private Page(Builder<T> b) {
    this.data = Immutables.list(b.data, "data");
    this.hasMore = b.hasMore;
    this.firstId = b.firstId;
    this.lastId = b.lastId;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Returns a last page holding {@code data}, with no cursors. */
  public static <T> Page<T> of(List<? extends T> data) {
    return Page.<T>builder().data(data).build();
  }

  public Builder<T> toBuilder() {
    return new Builder<>(this);
  }

  /** The elements of this page, in the provider's order. */
  public List<T> data() {
    return data;
  }

  /** Whether more elements follow this page ({@code has_more}). */
  public boolean hasMore() {
    return hasMore;
  }

  /** The id of the first element ({@code first_id}), when the provider sends it. */
  public Optional<String> firstId() {
    return Optional.ofNullable(firstId);
  }

  /** The id of the last element ({@code last_id}): the cursor for the next page. */
  public Optional<String> lastId() {
    return Optional.ofNullable(lastId);
  }

  /** Provider fields this type does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Page)) {
      return false;
    }
    Page<?> that = (Page<?>) o;
    return hasMore == that.hasMore
        && data.equals(that.data)
        && Objects.equals(firstId, that.firstId)
        && Objects.equals(lastId, that.lastId)
        && extra.equals(that.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(data, hasMore, firstId, lastId, extra);
  }

  @Override
  public String toString() {
    return "Page{size="
        + data.size()
        + ", hasMore="
        + hasMore
        + (firstId != null ? ", firstId=" + firstId : "")
        + (lastId != null ? ", lastId=" + lastId : "")
        + "}";
  }

  /** Builds a {@link Page}. */
  public static final class Builder<T> {
    private List<? extends T> data = List.of();
    private boolean hasMore;
    private @Nullable String firstId;
    private @Nullable String lastId;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(Page<T> p) {
      data = p.data;
      hasMore = p.hasMore;
      firstId = p.firstId;
      lastId = p.lastId;
      extra = p.extra;
    }

    public Builder<T> data(List<? extends T> data) {
      this.data = Checks.notNull(data, "data");
      return this;
    }

    public Builder<T> hasMore(boolean hasMore) {
      this.hasMore = hasMore;
      return this;
    }

    public Builder<T> firstId(@Nullable String firstId) {
      this.firstId = firstId;
      return this;
    }

    public Builder<T> lastId(@Nullable String lastId) {
      this.lastId = lastId;
      return this;
    }

    public Builder<T> extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public Page<T> build() {
      return new Page<>(this);
    }
  }
}
