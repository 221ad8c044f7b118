package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A file held by the provider (OpenAI's {@code file} object). Immutable. */
public final class StoredFile {
  private final String id;
  private final long bytes;
  private final Instant createdAt;
  private final @Nullable Instant expiresAt;
  private final String filename;
  private final FilePurpose purpose;
  private final @Nullable FileStatus status;
  private final @Nullable String statusDetails;
  private final String object;
  private final Map<String, Object> extra;

  private StoredFile(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    Checks.check(b.bytes >= 0, "bytes is " + b.bytes + "; it must be 0 or more");
    this.bytes = b.bytes;
    this.createdAt = Checks.notNull(b.createdAt, "createdAt");
    this.expiresAt = b.expiresAt;
    this.filename = Checks.notNull(b.filename, "filename");
    this.purpose = Checks.notNull(b.purpose, "purpose");
    this.status = b.status;
    this.statusDetails = b.statusDetails;
    this.object = Checks.notNull(b.object, "object");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The file id used by the other file and fine-tuning calls. */
  public String id() {
    return id;
  }

  /** The size in bytes. */
  public long bytes() {
    return bytes;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** When the file expires, if it does. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public String filename() {
    return filename;
  }

  public FilePurpose purpose() {
    return purpose;
  }

  /** The processing status, when the provider reports one (deprecated by OpenAI). */
  public Optional<FileStatus> status() {
    return Optional.ofNullable(status);
  }

  /** Why validation failed, when the provider says (deprecated by OpenAI). */
  public Optional<String> statusDetails() {
    return Optional.ofNullable(statusDetails);
  }

  /** The provider's object type, {@code "file"} for OpenAI. */
  public String object() {
    return object;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoredFile f
        && id.equals(f.id)
        && bytes == f.bytes
        && createdAt.equals(f.createdAt)
        && Objects.equals(expiresAt, f.expiresAt)
        && filename.equals(f.filename)
        && purpose.equals(f.purpose)
        && Objects.equals(status, f.status)
        && Objects.equals(statusDetails, f.statusDetails)
        && object.equals(f.object)
        && extra.equals(f.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, bytes, createdAt, expiresAt, filename, purpose, status, statusDetails, object, extra);
  }

  @Override
  public String toString() {
    return "StoredFile{id="
        + id
        + ", filename="
        + filename
        + ", bytes="
        + bytes
        + ", purpose="
        + purpose
        + (status != null ? ", status=" + status : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String id;
    private long bytes;
    private @Nullable Instant createdAt;
    private @Nullable Instant expiresAt;
    private @Nullable String filename;
    private @Nullable FilePurpose purpose;
    private @Nullable FileStatus status;
    private @Nullable String statusDetails;
    private String object = "file";
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(StoredFile f) {
      this.id = f.id;
      this.bytes = f.bytes;
      this.createdAt = f.createdAt;
      this.expiresAt = f.expiresAt;
      this.filename = f.filename;
      this.purpose = f.purpose;
      this.status = f.status;
      this.statusDetails = f.statusDetails;
      this.object = f.object;
      this.extra = new LinkedHashMap<>(f.extra);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder bytes(long bytes) {
      this.bytes = bytes;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder filename(String filename) {
      this.filename = filename;
      return this;
    }

    public Builder purpose(FilePurpose purpose) {
      this.purpose = purpose;
      return this;
    }

    public Builder status(@Nullable FileStatus status) {
      this.status = status;
      return this;
    }

    public Builder statusDetails(@Nullable String statusDetails) {
      this.statusDetails = statusDetails;
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public StoredFile build() {
      return new StoredFile(this);
    }
  }
}
