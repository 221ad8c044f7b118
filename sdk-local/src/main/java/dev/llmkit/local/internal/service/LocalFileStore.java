package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileExpiration;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.SortOrder;
import dev.llmkit.file.StoredFile;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.files.FileIds;
import dev.llmkit.local.internal.files.FileRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link FileService} over a directory: OpenAI's file semantics, kept on the local disk.
 *
 * <p>Layout: {@code <dataDir>/files/<id>.bin} holds the content and {@code <id>.properties} the
 * metadata. There is no shared index: an upload streams into a temporary file in the same
 * directory, forces it to disk and renames it atomically into place, then does the same for its
 * sidecar. The sidecar's rename is the commit point: a file is listed, retrieved or read only once
 * its sidecar exists, so a crash or a concurrent reader never sees a half-written file, and any
 * number of threads and processes may share the directory. Deleting removes the sidecar first.
 * Temporary files and orphaned contents older than an hour are swept when a store is created.
 *
 * <p>The user's file name is metadata only; paths on disk come from ids this class generated
 * ({@link FileIds}), and ids given by callers are checked against that exact shape before use.
 */
public final class LocalFileStore implements FileService {
  static final String PROVIDER = "local";

  /** OpenAI's per-file limit, the default here too. */
  public static final long DEFAULT_MAX_FILE_SIZE = 512L * 1024 * 1024;

  private static final String CONTENT = ".bin";
  private static final String SIDECAR = ".properties";
  private static final String TEMP_PREFIX = ".upload-";
  private static final Duration STALE = Duration.ofHours(1);

  private final Path dir;
  private final long maxFileSize;
  private final Clock clock;

  /** A store under {@code dataDir/files}; the directory is created on the first upload. */
  public LocalFileStore(Path dataDir, long maxFileSize) {
    this(dataDir, maxFileSize, Clock.systemUTC());
  }

  LocalFileStore(Path dataDir, long maxFileSize, Clock clock) {
    Args.notNull(dataDir, "dataDir");
    Args.check(maxFileSize >= 1, "maxFileSize is " + maxFileSize + "; it must be at least 1 byte");
    this.dir = dataDir.toAbsolutePath().normalize().resolve("files");
    this.maxFileSize = maxFileSize;
    this.clock = clock;
    sweepStale();
  }

  /**
   * The default data directory: {@code $XDG_DATA_HOME/llmkit} when that variable is set, else
   * {@code ~/.local/share/llmkit}.
   */
  public static Path defaultDataDir() {
    String xdg = System.getenv("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "llmkit");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "llmkit");
  }

  /** The directory holding the stored files. */
  public Path directory() {
    return dir;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  @Override
  public StoredFile upload(FileUpload upload) {
    Args.notNull(upload, "upload");
    if (upload.contentLength() > maxFileSize) {
      throw tooLarge(upload.contentLength() + " bytes");
    }
    createDirectory();
    String id = FileIds.newId();
    Path content = dir.resolve(id + CONTENT);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
      long bytes;
      try (InputStream in = upload.openStream()) {
        bytes = copyLimited(in, temp);
      }
      if (bytes != upload.contentLength()) {
        // A short or long stream means the content is not what the caller announced: keep nothing.
        throw LlmApiException.builder(PROVIDER, 400)
            .errorType("invalid_request_error")
            .errorCode("content_length_mismatch")
            .param("file")
            .message(
                "the upload announced "
                    + upload.contentLength()
                    + " bytes but its content had "
                    + bytes
                    + "; nothing was stored")
            .build();
      }
      Files.move(temp, content, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      Instant now = clock.instant();
      FileExpiration expiry = upload.expiresAfter();
      Long expires = expiry == null ? null : now.getEpochSecond() + expiry.seconds();
      FileRecord record =
          new FileRecord(
              id,
              bytes,
              now.toEpochMilli(),
              upload.filename(),
              upload.purpose().value(),
              expires,
              upload.contentType());
      writeSidecar(record);
      forceDirectory();
      return record.toStoredFile();
    } catch (IOException e) {
      deleteQuietly(content);
      throw new LlmIoException(PROVIDER, "could not store the upload in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      deleteQuietly(content);
      throw e;
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  private long copyLimited(InputStream in, Path target) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(ch)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxFileSize) {
          throw tooLarge("more than " + maxFileSize + " bytes");
        }
        out.write(buffer, 0, n);
      }
      out.flush();
      ch.force(true);
    }
    return total;
  }

  private void writeSidecar(FileRecord record) throws IOException {
    Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        record.write(out);
        out.flush();
        ch.force(true);
      }
      Files.move(temp, dir.resolve(record.id() + SIDECAR), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public Page<StoredFile> list(FileListRequest request) {
    Args.notNull(request, "request");
    List<FileRecord> records = readAll();
    boolean descending = !SortOrder.ASC.equals(request.order());
    records.sort(descending ? FileRecord.ASCENDING.reversed() : FileRecord.ASCENDING);
    int start = 0;
    String after = request.after();
    if (after != null) {
      FileRecord cursor = find(after);
      int i = 0;
      while (i < records.size() && compare(records.get(i), cursor, descending) <= 0) {
        i++;
      }
      start = i;
    }
    List<StoredFile> page = new ArrayList<>();
    int limit = Objects.requireNonNullElse(request.limit(), FileListRequest.MAX_LIMIT);
    FilePurpose purpose = request.purpose();
    int i = start;
    for (; i < records.size() && page.size() < limit; i++) {
      FileRecord r = records.get(i);
      if (purpose == null || purpose.value().equals(r.purpose())) {
        page.add(r.toStoredFile());
      }
    }
    boolean more = false;
    for (; i < records.size() && !more; i++) {
      FileRecord r = records.get(i);
      more = purpose == null || purpose.value().equals(r.purpose());
    }
    return Page.<StoredFile>builder()
        .data(page)
        .hasMore(more)
        .firstId(page.isEmpty() ? null : page.get(0).id())
        .lastId(page.isEmpty() ? null : page.get(page.size() - 1).id())
        .extra(Map.of("object", "list"))
        .build();
  }

  private static int compare(FileRecord a, FileRecord b, boolean descending) {
    int c = FileRecord.ASCENDING.compare(a, b);
    return descending ? -c : c;
  }

  @Override
  public StoredFile retrieve(String fileId) {
    return find(fileId).toStoredFile();
  }

  @Override
  public FileDeletion delete(String fileId) {
    FileRecord record = find(fileId);
    try {
      Files.delete(dir.resolve(record.id() + SIDECAR));
    } catch (NoSuchFileException e) {
      throw notFound(fileId); // deleted concurrently
    } catch (IOException e) {
      throw new LlmIoException(PROVIDER, "could not delete " + record.id() + ": " + e, e);
    }
    deleteQuietly(dir.resolve(record.id() + CONTENT));
    return FileDeletion.of(record.id(), true, Map.of("object", "file"));
  }

  @Override
  public InputStream content(String fileId) {
    FileRecord record = find(fileId);
    try {
      return Files.newInputStream(dir.resolve(record.id() + CONTENT));
    } catch (NoSuchFileException e) {
      throw notFound(fileId);
    } catch (IOException e) {
      throw new LlmIoException(PROVIDER, "could not read " + record.id() + ": " + e, e);
    }
  }

  /** The record of a valid, existing, unexpired id; the not-found error otherwise. */
  private FileRecord find(String fileId) {
    Args.notNull(fileId, "fileId");
    if (!FileIds.isValid(fileId)) {
      throw notFound(fileId);
    }
    FileRecord record = readSidecar(dir.resolve(fileId + SIDECAR));
    if (record == null || !record.id().equals(fileId)) {
      throw notFound(fileId);
    }
    if (record.isExpired(clock.instant())) {
      expire(record);
      throw notFound(fileId);
    }
    return record;
  }

  private List<FileRecord> readAll() {
    List<FileRecord> records = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return records;
    }
    Instant now = clock.instant();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "file-*" + SIDECAR)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        String id = name.substring(0, name.length() - SIDECAR.length());
        if (!FileIds.isValid(id)) {
          continue;
        }
        FileRecord r = readSidecar(p);
        if (r == null || !r.id().equals(id)) {
          continue;
        }
        if (r.isExpired(now)) {
          expire(r);
        } else {
          records.add(r);
        }
      }
    } catch (IOException e) {
      throw new LlmIoException(PROVIDER, "could not list " + dir + ": " + e, e);
    }
    return records;
  }

  /** The sidecar's record, or null when it is absent (deleted, not committed yet) or unreadable. */
  private static @Nullable FileRecord readSidecar(Path sidecar) {
    try (InputStream in = Files.newInputStream(sidecar)) {
      return FileRecord.read(in);
    } catch (IOException e) {
      return null;
    }
  }

  private void expire(FileRecord record) {
    deleteQuietly(dir.resolve(record.id() + SIDECAR));
    deleteQuietly(dir.resolve(record.id() + CONTENT));
  }

  private void createDirectory() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: keep the platform's default permissions
        }
      }
    } catch (IOException e) {
      throw new LlmIoException(
          PROVIDER,
          "could not create the file store directory "
              + dir
              + " (set llmkit.local.data-dir to a writable folder): "
              + e,
          e);
    }
  }

  /** Makes the renames durable; best effort, as not every platform can open a directory. */
  private void forceDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Windows cannot open directories; the renames are still atomic there.
    }
  }

  /** Removes temporary files and contents without a sidecar that are older than an hour. */
  private void sweepStale() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Instant cutoff = clock.instant().minus(STALE);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        boolean temp = name.startsWith(TEMP_PREFIX);
        boolean orphan =
            name.endsWith(CONTENT)
                && !Files.exists(
                    dir.resolve(name.substring(0, name.length() - CONTENT.length()) + SIDECAR));
        if ((temp || orphan) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // sweeping is housekeeping; a failure must not stop the store from working
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the next sweep
    }
  }

  private LlmApiException tooLarge(String size) {
    return LlmApiException.builder(PROVIDER, 413)
        .errorType("invalid_request_error")
        .errorCode("file_too_large")
        .param("file")
        .message(
            "the file has "
                + size
                + ", above the limit of "
                + maxFileSize
                + " bytes (llmkit.local.max-file-size); nothing was stored")
        .build();
  }

  private static InvalidRequestException notFound(String fileId) {
    String shown =
        FileIds.isValid(fileId)
            ? fileId
            : "with that id (ids look like file-"
                + "followed by "
                + FileIds.RANDOM_CHARS
                + " letters, digits, '-' or '_')";
    return InvalidRequestException.notFound(
        PROVIDER, "file_not_found", "file_id", "no such file " + shown);
  }

  @Override
  public String toString() {
    return "LocalFileStore{dir=" + dir + ", maxFileSize=" + maxFileSize + "}";
  }
}
