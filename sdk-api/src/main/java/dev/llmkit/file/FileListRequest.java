package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which files {@link FileService#list(FileListRequest)} returns, and how many per page. Immutable;
 * every field is optional and falls back to the provider default.
 */
public final class FileListRequest {
  /** The largest page size: OpenAI allows 1 to 10,000 files per page. */
  public static final int MAX_LIMIT = 10_000;

  private static final FileListRequest DEFAULTS = builder().build();

  private final @Nullable String after;
  private final @Nullable Integer limit;
  private final @Nullable SortOrder order;
  private final @Nullable FilePurpose purpose;

  private FileListRequest(Builder b) {
    Checks.inRange(b.limit, 1, MAX_LIMIT, "limit");
    this.after = b.after;
    this.limit = b.limit;
    this.order = b.order;
    this.purpose = b.purpose;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A request with every field at the provider default. */
  public static FileListRequest defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The cursor: return files after this file id; null = from the start. */
  public @Nullable String after() {
    return after;
  }

  /** The page size, 1 to {@value #MAX_LIMIT}; null = provider default. */
  public @Nullable Integer limit() {
    return limit;
  }

  public @Nullable SortOrder order() {
    return order;
  }

  /** Only return files with this purpose; null = any purpose. */
  public @Nullable FilePurpose purpose() {
    return purpose;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileListRequest r
        && Objects.equals(after, r.after)
        && Objects.equals(limit, r.limit)
        && order == r.order
        && Objects.equals(purpose, r.purpose);
  }

  @Override
  public int hashCode() {
    return Objects.hash(after, limit, order, purpose);
  }

  @Override
  public String toString() {
    return "FileListRequest{after="
        + after
        + ", limit="
        + limit
        + ", order="
        + order
        + ", purpose="
        + purpose
        + "}";
  }

  public static final class Builder {
    private @Nullable String after;
    private @Nullable Integer limit;
    private @Nullable SortOrder order;
    private @Nullable FilePurpose purpose;

    private Builder() {}

    private Builder(FileListRequest r) {
      this.after = r.after;
      this.limit = r.limit;
      this.order = r.order;
      this.purpose = r.purpose;
    }

    public Builder after(@Nullable String after) {
      this.after = after;
      return this;
    }

    public Builder limit(@Nullable Integer limit) {
      this.limit = limit;
      return this;
    }

    public Builder order(@Nullable SortOrder order) {
      this.order = order;
      return this;
    }

    public Builder purpose(@Nullable FilePurpose purpose) {
      this.purpose = purpose;
      return this;
    }

    public FileListRequest build() {
      return new FileListRequest(this);
    }
  }
}
