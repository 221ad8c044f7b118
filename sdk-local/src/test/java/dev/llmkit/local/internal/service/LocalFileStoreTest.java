package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileExpiration;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileStatus;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.SortOrder;
import dev.llmkit.file.StoredFile;
import dev.llmkit.local.internal.files.FileIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest {
  @TempDir Path dataDir;

  private final MutableClock clock = new MutableClock(1_700_000_000_000L);

  private LocalFileStore store() {
    return new LocalFileStore(dataDir, 1024 * 1024, clock);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void uploadedBytesCanBeRetrievedListedAndRead() throws IOException {
    LocalFileStore store = store();

    StoredFile stored =
        store.upload(FileUpload.of(utf8("{\"a\":1}\n"), "train.jsonl", FilePurpose.FINE_TUNE));

    assertThat(stored.id()).matches("file-[A-Za-z0-9_-]{24}");
    assertThat(stored.bytes()).isEqualTo(8);
    assertThat(stored.filename()).isEqualTo("train.jsonl");
    assertThat(stored.purpose()).isEqualTo(FilePurpose.FINE_TUNE);
    assertThat(stored.status()).contains(FileStatus.PROCESSED);
    assertThat(stored.object()).isEqualTo("file");
    assertThat(stored.createdAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(store.retrieve(stored.id())).isEqualTo(stored);
    assertThat(store.list().data()).containsExactly(stored);
    assertThat(read(store.content(stored.id()))).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void uploadsFromPathAndStreamKeepTheirContent(@TempDir Path tmp) throws IOException {
    LocalFileStore store = store();
    Path source = Files.writeString(tmp.resolve("data.txt"), "from a path");

    StoredFile fromPath = store.upload(FileUpload.of(source, FilePurpose.USER_DATA));
    StoredFile fromStream =
        store.upload(
            FileUpload.of(
                new ByteArrayInputStream(utf8("from a stream")), 13, "s.txt", FilePurpose.BATCH));

    assertThat(fromPath.filename()).isEqualTo("data.txt");
    assertThat(read(store.content(fromPath.id()))).isEqualTo("from a path");
    assertThat(fromStream.bytes()).isEqualTo(13);
    assertThat(read(store.content(fromStream.id()))).isEqualTo("from a stream");
  }

  @Test
  void idsAreRandomAndDistinct() {
    LocalFileStore store = store();
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 50; i++) {
      ids.add(store.upload(FileUpload.of(new byte[] {1}, "x", FilePurpose.BATCH)).id());
    }

    assertThat(ids).hasSize(50).allMatch(FileIds::isValid);
    // not sequential: the random parts share no common prefix across all ids
    assertThat(ids.stream().map(id -> id.substring(5, 8)).distinct().count()).isGreaterThan(40);
  }

  @Test
  void listPaginatesNewestFirstByDefaultAndOldestFirstOnRequest() {
    LocalFileStore store = store();
    StoredFile[] files = new StoredFile[5];
    for (int i = 0; i < files.length; i++) {
      files[i] = store.upload(FileUpload.of(new byte[] {(byte) i}, "f" + i, FilePurpose.BATCH));
      clock.advanceMillis(1000);
    }

    Page<StoredFile> first = store.list(FileListRequest.builder().limit(2).build());
    Page<StoredFile> second =
        store.list(FileListRequest.builder().limit(2).after(first.lastId().orElseThrow()).build());
    Page<StoredFile> third =
        store.list(FileListRequest.builder().limit(2).after(second.lastId().orElseThrow()).build());
    Page<StoredFile> ascending =
        store.list(
            FileListRequest.builder().order(SortOrder.ASC).limit(3).after(files[0].id()).build());

    assertThat(first.data()).containsExactly(files[4], files[3]);
    assertThat(first.hasMore()).isTrue();
    assertThat(second.data()).containsExactly(files[2], files[1]);
    assertThat(third.data()).containsExactly(files[0]);
    assertThat(third.hasMore()).isFalse();
    assertThat(ascending.data()).containsExactly(files[1], files[2], files[3]);
    assertThat(ascending.hasMore()).isTrue();
  }

  @Test
  void filesCreatedInTheSameMillisecondAreOrderedById() {
    LocalFileStore store = store();
    for (int i = 0; i < 6; i++) {
      store.upload(FileUpload.of(new byte[] {1}, "same-time", FilePurpose.BATCH));
    }

    List<String> asc =
        store.list(FileListRequest.builder().order(SortOrder.ASC).build()).data().stream()
            .map(StoredFile::id)
            .collect(Collectors.toList());

    assertThat(asc).isSorted();
  }

  @Test
  void listFiltersByPurpose() {
    LocalFileStore store = store();
    StoredFile tune = store.upload(FileUpload.of(new byte[] {1}, "a", FilePurpose.FINE_TUNE));
    store.upload(FileUpload.of(new byte[] {2}, "b", FilePurpose.BATCH));
    StoredFile custom = store.upload(FileUpload.of(new byte[] {3}, "c", FilePurpose.of("mine")));

    Page<StoredFile> tunes =
        store.list(FileListRequest.builder().purpose(FilePurpose.FINE_TUNE).build());
    Page<StoredFile> mine =
        store.list(FileListRequest.builder().purpose(FilePurpose.of("mine")).build());

    assertThat(tunes.data()).containsExactly(tune);
    assertThat(tunes.hasMore()).isFalse();
    assertThat(mine.data()).containsExactly(custom);
  }

  @Test
  void aSecondStoreOnTheSameDirectorySeesTheFilesAfterARestart() throws IOException {
    StoredFile stored =
        store().upload(FileUpload.of(utf8("persisted"), "p.txt", FilePurpose.EVALS));

    LocalFileStore restarted = new LocalFileStore(dataDir, 1024 * 1024, clock);

    assertThat(restarted.retrieve(stored.id())).isEqualTo(stored);
    assertThat(restarted.list().data()).containsExactly(stored);
    assertThat(read(restarted.content(stored.id()))).isEqualTo("persisted");
  }

  @Test
  void leftoversOfACrashedUploadAreNeverListedAndAreSweptLater() throws IOException {
    LocalFileStore store = store();
    StoredFile kept = store.upload(FileUpload.of(new byte[] {1}, "kept", FilePurpose.BATCH));
    Path dir = store.directory();
    Path temp = Files.write(dir.resolve(".upload-123.tmp"), new byte[] {9, 9});
    Path orphan = Files.write(dir.resolve(FileIds.newId() + ".bin"), new byte[] {7});
    Path brokenSidecar = Files.writeString(dir.resolve(FileIds.newId() + ".properties"), "id=");

    List<StoredFile> listed = store.list().data();
    clock.advanceMillis(Duration.ofHours(2).toMillis());
    Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(Instant.EPOCH));
    Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.from(Instant.EPOCH));
    new LocalFileStore(dataDir, 1024 * 1024, clock);

    assertThat(listed).containsExactly(kept);
    assertThat(temp).doesNotExist();
    assertThat(orphan).doesNotExist();
    assertThat(brokenSidecar).exists();
  }

  @Test
  void hostileFileNamesAreStoredAsMetadataOnly() throws IOException {
    LocalFileStore store = store();
    List<String> names =
        List.of(
            "../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "a\u0000b.txt",
            "x".repeat(5000),
            "\u202Etxt.exe",
            "..",
            "file-AAAAAAAAAAAAAAAAAAAAAAAA",
            "line\nbreak=and:colon#hash");

    for (String name : names) {
      StoredFile f = store.upload(FileUpload.of(new byte[] {1}, name, FilePurpose.USER_DATA));
      assertThat(store.retrieve(f.id()).filename()).isEqualTo(name);
    }

    try (Stream<Path> all = Files.walk(dataDir)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()))
          .hasSize(2 * names.size())
          .allMatch(p -> p.matches("files/file-[A-Za-z0-9_-]{24}\\.(bin|properties)"));
    }
    assertThat(dataDir.getParent().resolve("etc")).doesNotExist();
    assertThat(store.list().data())
        .extracting(StoredFile::filename)
        .containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void malformedOrUnknownIdsAreNotFoundAndNeverTouchOtherPaths() throws IOException {
    LocalFileStore store = store();
    store.upload(FileUpload.of(new byte[] {1}, "a", FilePurpose.BATCH));
    Files.writeString(dataDir.resolve("secret.properties"), "id=x");
    List<String> ids =
        List.of(
            "../secret",
            "file-../../secret",
            "",
            "file-",
            "file-abc",
            "file-AAAAAAAAAAAAAAAAAAAAAAA/",
            "file-AAAAAAAAAAAAAAAAAAAAAAAA",
            "FILE-AAAAAAAAAAAAAAAAAAAAAAAA",
            "file-AAAAAAAAAAAAAAAAAAAAAAA\u0000",
            "/etc/passwd");

    for (String id : ids) {
      assertThatThrownBy(() -> store.retrieve(id))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("no such file")
          .satisfies(e -> assertThat(((InvalidRequestException) e).statusCode()).isEqualTo(404));
      assertThatThrownBy(() -> store.content(id)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> store.delete(id)).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(dataDir.resolve("secret.properties")).exists();
    assertThatThrownBy(() -> store.retrieve(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fileId");
  }

  @Test
  void uploadsAboveTheLimitFailAndLeaveNothingOnDisk() throws IOException {
    LocalFileStore store = new LocalFileStore(dataDir, 100, clock);
    store.upload(FileUpload.of(new byte[100], "fits", FilePurpose.BATCH));

    assertThatThrownBy(() -> store.upload(FileUpload.of(new byte[101], "big", FilePurpose.BATCH)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("limit of 100 bytes")
        .hasMessageContaining("llmkit.local.max-file-size");
    // a stream that says 10 bytes but delivers 1000
    assertThatThrownBy(
            () ->
                store.upload(
                    FileUpload.of(
                        new ByteArrayInputStream(new byte[1000]), 10, "liar", FilePurpose.BATCH)))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).statusCode()).isEqualTo(413));

    try (Stream<Path> files = Files.list(store.directory())) {
      assertThat(files).hasSize(2);
    }
    assertThat(store.list().data()).extracting(StoredFile::filename).containsExactly("fits");
  }

  @Test
  void aStreamShorterOrLongerThanAnnouncedIsRejectedAndNothingIsStored() throws IOException {
    LocalFileStore store = store();

    assertThatThrownBy(
            () ->
                store.upload(
                    FileUpload.of(
                        new ByteArrayInputStream(new byte[5]), 10, "short", FilePurpose.BATCH)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("announced 10 bytes but its content had 5");
    assertThatThrownBy(
            () ->
                store.upload(
                    FileUpload.of(
                        new ByteArrayInputStream(new byte[12]), 10, "long", FilePurpose.BATCH)))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errorCode())
                    .contains("content_length_mismatch"));

    assertThat(store.list().data()).isEmpty();
    try (Stream<Path> files = Files.list(store.directory())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void deleteRemovesTheFileAndASecondDeleteIsNotFound() {
    LocalFileStore store = store();
    StoredFile f = store.upload(FileUpload.of(new byte[] {1, 2}, "gone", FilePurpose.BATCH));

    FileDeletion deletion = store.delete(f.id());

    assertThat(deletion.id()).isEqualTo(f.id());
    assertThat(deletion.deleted()).isTrue();
    assertThat(store.list().data()).isEmpty();
    assertThatThrownBy(() -> store.content(f.id())).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> store.delete(f.id()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(f.id());
  }

  @Test
  void expiredFilesDisappear() {
    LocalFileStore store = store();
    StoredFile f =
        store.upload(
            FileUpload.builder()
                .bytes(new byte[] {1}, "short-lived")
                .purpose(FilePurpose.BATCH)
                .expiresAfter(FileExpiration.afterCreation(Duration.ofHours(1)))
                .build());

    assertThat(f.expiresAt()).contains(Instant.ofEpochSecond(1_700_000_000L + 3600));
    clock.advanceMillis(Duration.ofHours(1).toMillis());

    assertThat(store.list().data()).isEmpty();
    assertThatThrownBy(() -> store.retrieve(f.id())).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void twoThreadsUploadingAtOnceLoseNothing() throws Exception {
    LocalFileStore a = store();
    LocalFileStore b = new LocalFileStore(dataDir, 1024 * 1024, clock);
    int perThread = 25;
    Thread[] threads = new Thread[2];
    Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int t = 0; t < 2; t++) {
      LocalFileStore store = t == 0 ? a : b;
      String tag = "t" + t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  ids.add(
                      store
                          .upload(
                              FileUpload.of(utf8(tag + "-" + i), tag + "-" + i, FilePurpose.BATCH))
                          .id());
                }
              });
    }

    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }

    List<StoredFile> listed = a.list().data();
    assertThat(ids).hasSize(2 * perThread);
    assertThat(listed).hasSize(2 * perThread);
    for (StoredFile f : listed) {
      assertThat(read(b.content(f.id()))).isEqualTo(f.filename());
    }
  }
}
