package dev.llmkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.StoredFile;
import io.reactivex.rxjava3.observers.TestObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FileService} must show, whatever the provider: a stateful round trip
 * of upload, retrieve, list, content and delete. A provider's test subclasses this and supplies a
 * service whose store starts empty for each test (or at least holds no file with the content this
 * test uploads); see {@code sdk-local} for an example.
 */
public abstract class FileServiceContract {
  /** The service under test. Called once per test method. */
  protected abstract FileService fileService();

  /** An id of the provider's format that names no file. */
  protected String unknownFileId() {
    return "file-AAAAAAAAAAAAAAAAAAAAAAAA";
  }

  /** How long one call may take. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  private static byte[] content() {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rejectsNullArguments() {
    FileService service = fileService();

    assertThrows(NullPointerException.class, () -> service.upload(null));
    assertThrows(NullPointerException.class, () -> service.retrieve(null));
    assertThrows(NullPointerException.class, () -> service.delete(null));
    assertThrows(NullPointerException.class, () -> service.content(null));
    assertThrows(NullPointerException.class, () -> service.list(null));
  }

  @Test
  void uploadedFileCanBeRetrievedReadAndDeleted() throws IOException {
    FileService service = fileService();

    StoredFile stored =
        service.upload(FileUpload.of(content(), "train.jsonl", FilePurpose.FINE_TUNE));
    StoredFile retrieved = service.retrieve(stored.id());
    byte[] read;
    try (InputStream in = service.content(stored.id())) {
      read = in.readAllBytes();
    }
    FileDeletion deletion = service.delete(stored.id());

    assertEquals(content().length, stored.bytes(), "bytes");
    assertEquals("train.jsonl", stored.filename(), "filename");
    assertEquals(FilePurpose.FINE_TUNE, stored.purpose(), "purpose");
    assertEquals(stored.id(), retrieved.id(), "retrieved id");
    assertEquals(stored.bytes(), retrieved.bytes(), "retrieved bytes");
    assertArrayEquals(content(), read, "content");
    assertEquals(stored.id(), deletion.id(), "deleted id");
    assertTrue(deletion.deleted(), "deleted");
  }

  @Test
  void unknownFileIsNotFound() {
    FileService service = fileService();

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> service.retrieve(unknownFileId()));

    assertEquals(404, e.statusCode(), "status");
  }

  @Test
  void listShowsUploadedFilesFilteredByPurpose() {
    FileService service = fileService();
    StoredFile tune = service.upload(FileUpload.of(content(), "a.jsonl", FilePurpose.FINE_TUNE));
    StoredFile batch = service.upload(FileUpload.of(content(), "b.jsonl", FilePurpose.BATCH));

    Page<StoredFile> tunes =
        service.list(FileListRequest.builder().purpose(FilePurpose.FINE_TUNE).build());
    Page<StoredFile> all = service.list();

    assertTrue(tunes.data().stream().anyMatch(f -> f.id().equals(tune.id())), "fine-tune listed");
    assertFalse(
        tunes.data().stream().anyMatch(f -> f.id().equals(batch.id())), "batch file filtered out");
    assertTrue(all.data().stream().anyMatch(f -> f.id().equals(batch.id())), "batch listed");
  }

  @Test
  void asyncVariantsDeliverTheSameFile() {
    FileService service = fileService();

    TestObserver<StoredFile> upload =
        service.uploadAsync(FileUpload.of(content(), "async.jsonl", FilePurpose.BATCH)).test();
    upload.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);
    upload.assertComplete().assertNoErrors().assertValueCount(1);
    StoredFile stored = upload.values().get(0);
    TestObserver<StoredFile> retrieve = service.retrieveAsync(stored.id()).test();
    retrieve.awaitDone(timeout().toMillis(), TimeUnit.MILLISECONDS);

    retrieve.assertComplete().assertNoErrors();
    assertEquals(stored.id(), retrieve.values().get(0).id(), "retrieved id");
    assertEquals("async.jsonl", retrieve.values().get(0).filename(), "filename");
  }
}
