package dev.llmkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.common.Page;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class FileServiceAutoPagingTest {

  /** Keeps files in memory and pages them by cursor, as a provider does. */
  static class InMemoryFileService implements FileService {
    final Map<String, StoredFile> files = new LinkedHashMap<>();
    final List<@Nullable String> cursors = new CopyOnWriteArrayList<>();
    boolean sendLastId = true;

    InMemoryFileService(int count) {
      for (int i = 1; i <= count; i++) {
        StoredFile f =
            StoredFile.builder()
                .id("file-" + i)
                .bytes(i)
                .createdAt(Instant.ofEpochSecond(i))
                .filename("f" + i + ".jsonl")
                .purpose(FilePurpose.FINE_TUNE)
                .build();
        files.put(f.id(), f);
      }
    }

    @Override
    public StoredFile upload(FileUpload upload) {
      StoredFile f =
          StoredFile.builder()
              .id("file-" + (files.size() + 1))
              .bytes(upload.contentLength())
              .createdAt(Instant.EPOCH)
              .filename(upload.filename())
              .purpose(upload.purpose())
              .build();
      files.put(f.id(), f);
      return f;
    }

    @Override
    public Page<StoredFile> list(FileListRequest request) {
      cursors.add(request.after());
      List<StoredFile> all = new ArrayList<>(files.values());
      int start = 0;
      if (request.after() != null) {
        start = all.indexOf(files.get(request.after())) + 1;
      }
      int end = Math.min(all.size(), start + (request.limit() != null ? request.limit() : 10_000));
      List<StoredFile> data = all.subList(start, end);
      return Page.<StoredFile>builder()
          .data(data)
          .hasMore(end < all.size())
          .firstId(data.isEmpty() ? null : data.get(0).id())
          .lastId(sendLastId && !data.isEmpty() ? data.get(data.size() - 1).id() : null)
          .build();
    }

    @Override
    public StoredFile retrieve(String fileId) {
      StoredFile f = files.get(fileId);
      if (f == null) {
        throw new NoSuchElementException(fileId);
      }
      return f;
    }

    @Override
    public FileDeletion delete(String fileId) {
      return FileDeletion.of(fileId, files.remove(fileId) != null);
    }

    @Override
    public InputStream content(String fileId) {
      return new ByteArrayInputStream(retrieve(fileId).filename().getBytes());
    }
  }

  private static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add("file-" + i);
    }
    return ids;
  }

  @Test
  void listAllAsyncWalksEveryPageUsingTheLastIdAsCursor() {
    InMemoryFileService service = new InMemoryFileService(7);

    List<String> ids =
        service
            .listAllAsync(FileListRequest.builder().limit(3).build())
            .map(StoredFile::id)
            .toList()
            .blockingGet();

    assertThat(ids).isEqualTo(ids(1, 7));
    assertThat(service.cursors).containsExactly(null, "file-3", "file-6");
  }

  @Test
  void listAllAsyncStartsAtTheRequestsCursor() {
    InMemoryFileService service = new InMemoryFileService(7);

    List<String> ids =
        service
            .listAllAsync(FileListRequest.builder().limit(2).after("file-4").build())
            .map(StoredFile::id)
            .toList()
            .blockingGet();

    assertThat(ids).containsExactly("file-5", "file-6", "file-7");
  }

  @Test
  void listAllAsyncFetchesOnlyThePagesThatAreConsumed() {
    InMemoryFileService service = new InMemoryFileService(9);

    service
        .listAllAsync(FileListRequest.builder().limit(3).build())
        .take(2)
        .test(2)
        .assertValueCount(2);

    assertThat(service.cursors).containsExactly((String) null);
  }

  @Test
  void missingLastIdFallsBackToTheLastItemsId() {
    InMemoryFileService service = new InMemoryFileService(5);
    service.sendLastId = false;

    List<String> ids = new ArrayList<>();
    for (StoredFile f : service.listAll(FileListRequest.builder().limit(2).build())) {
      ids.add(f.id());
    }

    assertThat(ids).isEqualTo(ids(1, 5));
    assertThat(service.cursors).containsExactly(null, "file-2", "file-4");
  }

  @Test
  void pageThatNeverAdvancesEndsWithAnErrorInsteadOfLooping() {
    FileService stuck =
        new InMemoryFileService(0) {
          @Override
          public Page<StoredFile> list(FileListRequest request) {
            return Page.<StoredFile>builder().hasMore(true).build();
          }
        };

    stuck
        .listAllAsync(FileListRequest.defaults())
        .test()
        .assertError(
            e ->
                e instanceof IllegalStateException
                    && e.getMessage().contains("gave no new cursor"));
    assertThatThrownBy(() -> stuck.listAll(FileListRequest.defaults()).iterator().hasNext())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void asyncVariantsRunTheBlockingCalls() {
    InMemoryFileService service = new InMemoryFileService(2);

    StoredFile uploaded =
        service
            .uploadAsync(FileUpload.of(new byte[4], "new.jsonl", FilePurpose.FINE_TUNE))
            .blockingGet();
    FileDeletion deletion = service.deleteAsync("file-1").blockingGet();

    assertThat(uploaded.bytes()).isEqualTo(4);
    assertThat(service.retrieveAsync(uploaded.id()).blockingGet().filename())
        .isEqualTo("new.jsonl");
    assertThat(deletion).isEqualTo(FileDeletion.of("file-1", true));
    assertThat(service.listAsync(FileListRequest.defaults()).blockingGet().data()).hasSize(2);
  }
}
