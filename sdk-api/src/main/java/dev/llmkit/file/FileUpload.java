package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A file to upload: its content, a file name and a {@link FilePurpose}. Immutable; build with
 * {@link #builder()} or the {@code of(...)} shortcuts.
 *
 * <p>The content comes from a {@link Path}, an {@link InputStream} of known length, or a byte
 * array. It is never read into memory by this class: {@link #openStream()} opens the file afresh on
 * each call, so a 100 MB upload costs a buffer, not 100 MB of heap. An {@code InputStream} source
 * can be read once only ({@link #isRepeatable()} is false), which rules out transparent retries.
 */
public final class FileUpload {
  private final @Nullable Path path;
  private final @Nullable InputStream stream;
  private final byte @Nullable [] bytes;
  private final long contentLength;
  private final String filename;
  private final FilePurpose purpose;
  private final @Nullable FileExpiration expiresAfter;
  private final @Nullable String contentType;
  private final AtomicBoolean streamOpened = new AtomicBoolean();

  private FileUpload(Builder b) {
    this.purpose = Checks.notNull(b.purpose, "purpose");
    int sources = (b.path != null ? 1 : 0) + (b.stream != null ? 1 : 0) + (b.bytes != null ? 1 : 0);
    Checks.check(
        sources == 1, "exactly one content source is required: path(), content() or bytes()");
    this.path = b.path;
    this.stream = b.stream;
    this.bytes = b.bytes;
    if (b.path != null) {
      Path p = b.path;
      Checks.check(
          Files.isRegularFile(p),
          "path " + p.toAbsolutePath() + " does not exist or is not a file");
      Checks.check(Files.isReadable(p), "path " + p.toAbsolutePath() + " is not readable");
      this.contentLength = sizeOf(p);
      Path name = p.getFileName();
      this.filename =
          Checks.notBlank(b.filename != null ? b.filename : String.valueOf(name), "filename");
    } else {
      this.contentLength = b.bytes != null ? b.bytes.length : b.length;
      Checks.check(
          contentLength >= 0, "length is " + contentLength + "; it must be 0 or more bytes");
      this.filename = Checks.notBlank(b.filename, "filename");
    }
    this.expiresAfter = b.expiresAfter;
    this.contentType = b.contentType;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "path " + p.toAbsolutePath() + " is not readable: " + e, e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Uploads the file at {@code path} under its own file name. */
  public static FileUpload of(Path path, FilePurpose purpose) {
    return builder().path(path).purpose(purpose).build();
  }

  /**
   * Uploads {@code length} bytes read from {@code content}; the stream is read once, then closed.
   */
  public static FileUpload of(
      InputStream content, long length, String filename, FilePurpose purpose) {
    return builder().content(content, length, filename).purpose(purpose).build();
  }

  /** Uploads {@code bytes} (copied) under {@code filename}. */
  public static FileUpload of(byte[] bytes, String filename, FilePurpose purpose) {
    return builder().bytes(bytes, filename).purpose(purpose).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The file name sent to the provider. */
  public String filename() {
    return filename;
  }

  /** The content size in bytes: the file size when built, the given length, or the array length. */
  public long contentLength() {
    return contentLength;
  }

  public FilePurpose purpose() {
    return purpose;
  }

  /** The file the content comes from, when built from a path; else null. */
  public @Nullable Path path() {
    return path;
  }

  /** The expiration policy to request; null = the provider's. */
  public @Nullable FileExpiration expiresAfter() {
    return expiresAfter;
  }

  /** The MIME type to declare, if set; providers default to {@code application/octet-stream}. */
  public @Nullable String contentType() {
    return contentType;
  }

  /** Whether {@link #openStream()} may be called more than once (path and byte sources). */
  public boolean isRepeatable() {
    return stream == null;
  }

  /**
   * Opens the content for reading; the caller closes the stream. Path and byte sources return a
   * fresh stream on every call. An {@code InputStream} source returns that stream once.
   *
   * @throws IOException if the file cannot be opened
   * @throws IllegalStateException if an {@code InputStream} source was already opened
   */
  public InputStream openStream() throws IOException {
    if (path != null) {
      return Files.newInputStream(path);
    }
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    if (!streamOpened.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "the InputStream content of " + filename + " was already read; it can be read only once");
    }
    return Objects.requireNonNull(stream);
  }

  /**
   * Copies the content to {@code out} through a small buffer and returns the number of bytes
   * written. Does not close {@code out}.
   */
  public long writeTo(OutputStream out) throws IOException {
    Checks.notNull(out, "out");
    try (InputStream in = openStream()) {
      return in.transferTo(out);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileUpload u
        && Objects.equals(path, u.path)
        && stream == u.stream
        && Arrays.equals(bytes, u.bytes)
        && contentLength == u.contentLength
        && filename.equals(u.filename)
        && purpose.equals(u.purpose)
        && Objects.equals(expiresAfter, u.expiresAfter)
        && Objects.equals(contentType, u.contentType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        path,
        System.identityHashCode(stream),
        Arrays.hashCode(bytes),
        contentLength,
        filename,
        purpose,
        expiresAfter,
        contentType);
  }

  @Override
  public String toString() {
    String source = path != null ? "path" : bytes != null ? "bytes" : "stream";
    return "FileUpload{filename="
        + filename
        + ", length="
        + contentLength
        + ", purpose="
        + purpose
        + ", source="
        + source
        + "}";
  }

  public static final class Builder {
    private @Nullable Path path;
    private @Nullable InputStream stream;
    private byte @Nullable [] bytes;
    private long length;
    private @Nullable String filename;
    private @Nullable FilePurpose purpose;
    private @Nullable FileExpiration expiresAfter;
    private @Nullable String contentType;

    private Builder() {}

    private Builder(FileUpload u) {
      this.path = u.path;
      this.stream = u.stream;
      this.bytes = u.bytes;
      this.length = u.contentLength;
      this.filename = u.filename;
      this.purpose = u.purpose;
      this.expiresAfter = u.expiresAfter;
      this.contentType = u.contentType;
    }

    /** Reads the content from {@code path}; the file name defaults to the path's last element. */
    public Builder path(Path path) {
      this.path = Checks.notNull(path, "path");
      this.stream = null;
      this.bytes = null;
      return this;
    }

    /** Reads {@code length} bytes from {@code content}, once. */
    public Builder content(InputStream content, long length, String filename) {
      this.stream = Checks.notNull(content, "content");
      this.length = length;
      this.filename = Checks.notNull(filename, "filename");
      this.path = null;
      this.bytes = null;
      return this;
    }

    /** Uses a copy of {@code bytes} as the content. */
    public Builder bytes(byte[] bytes, String filename) {
      this.bytes = Checks.notNull(bytes, "bytes").clone();
      this.filename = Checks.notNull(filename, "filename");
      this.path = null;
      this.stream = null;
      return this;
    }

    /** Overrides the file name sent to the provider. */
    public Builder filename(String filename) {
      this.filename = Checks.notNull(filename, "filename");
      return this;
    }

    public Builder purpose(FilePurpose purpose) {
      this.purpose = Checks.notNull(purpose, "purpose");
      return this;
    }

    public Builder expiresAfter(@Nullable FileExpiration expiresAfter) {
      this.expiresAfter = expiresAfter;
      return this;
    }

    public Builder contentType(@Nullable String contentType) {
      this.contentType = contentType;
      return this;
    }

    public FileUpload build() {
      return new FileUpload(this);
    }
  }
}
