package dev.llmkit.local.internal.files;

import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileStatus;
import dev.llmkit.file.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of one stored file, as kept in its sidecar ({@code <id>.properties}). The
 * user-supplied file name is only ever a value here, never part of a path.
 */
public record FileRecord(
    String id,
    long bytes,
    long createdAtMillis,
    String filename,
    String purpose,
    @Nullable Long expiresAtSeconds,
    @Nullable String contentType) {

  /** Oldest first; files created in the same millisecond are ordered by id. */
  public static final Comparator<FileRecord> ASCENDING =
      Comparator.comparingLong(FileRecord::createdAtMillis).thenComparing(FileRecord::id);

  public boolean isExpired(Instant now) {
    return expiresAtSeconds != null && expiresAtSeconds <= now.getEpochSecond();
  }

  public StoredFile toStoredFile() {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (contentType != null) {
      extra.put("content_type", contentType);
    }
    return StoredFile.builder()
        .id(id)
        .bytes(bytes)
        .createdAt(Instant.ofEpochMilli(createdAtMillis))
        .expiresAt(expiresAtSeconds == null ? null : Instant.ofEpochSecond(expiresAtSeconds))
        .filename(filename)
        .purpose(FilePurpose.of(purpose))
        .status(FileStatus.PROCESSED)
        .object("file")
        .extra(extra)
        .build();
  }

  public void write(OutputStream out) throws IOException {
    Properties p = new Properties();
    p.setProperty("id", id);
    p.setProperty("bytes", Long.toString(bytes));
    p.setProperty("created_at_ms", Long.toString(createdAtMillis));
    p.setProperty("filename", filename);
    p.setProperty("purpose", purpose);
    if (expiresAtSeconds != null) {
      p.setProperty("expires_at", Long.toString(expiresAtSeconds));
    }
    if (contentType != null) {
      p.setProperty("content_type", contentType);
    }
    // store() escapes every character outside printable ASCII, NUL and line breaks included.
    p.store(out, "llmkit stored file");
  }

  /** Reads a sidecar; IOException (also for missing or malformed fields) when it is unusable. */
  public static FileRecord read(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    try {
      String id = required(p, "id");
      String expires = p.getProperty("expires_at");
      return new FileRecord(
          id,
          Long.parseLong(required(p, "bytes")),
          Long.parseLong(required(p, "created_at_ms")),
          required(p, "filename"),
          required(p, "purpose"),
          expires == null ? null : Long.parseLong(expires),
          p.getProperty("content_type"));
    } catch (NumberFormatException e) {
      throw new IOException("malformed sidecar: " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null || v.isEmpty()) {
      throw new IOException("sidecar lacks '" + key + "'");
    }
    return v;
  }

  /** Never prints the file name: it is user input. */
  @Override
  public String toString() {
    return "FileRecord{id=" + id + ", bytes=" + bytes + ", purpose=" + purpose + "}";
  }
}
