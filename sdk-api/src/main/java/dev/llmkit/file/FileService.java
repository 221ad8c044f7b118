package dev.llmkit.file;

import dev.llmkit.common.Page;
import dev.llmkit.internal.AutoPaging;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.InputStream;

/**
 * Stores files with the provider, for fine-tuning, batches and other uses.
 *
 * <p>Blocking methods run on the caller's thread. The {@code *Async} variants are cold: nothing is
 * sent until subscription; their default implementations run the blocking call on {@link
 * Schedulers#io()}. Errors are {@link dev.llmkit.LlmException} subtypes, delivered through {@code
 * onError} by the async variants.
 */
public interface FileService {

  /**
   * Uploads a file. The content is streamed, not buffered in memory.
   *
   * <p>Size limits are the provider's; exceeding them raises {@link
   * dev.llmkit.InvalidRequestException}.
   *
   * @throws dev.llmkit.UnsupportedCapabilityException if this provider does not store files
   */
  StoredFile upload(FileUpload upload);

  /** Returns one page of files; pass {@link Page#lastId()} as {@code after} for the next. */
  Page<StoredFile> list(FileListRequest request);

  /** Returns the first page of files with provider defaults. */
  default Page<StoredFile> list() {
    return list(FileListRequest.defaults());
  }

  /**
   * Returns a cold stream of every file matching {@code request}, starting at its {@code after}
   * cursor and fetching further pages with {@link #list(FileListRequest)} while the provider says
   * there are more.
   *
   * <dl>
   *   <dt><b>Backpressure:</b>
   *   <dd>A page is fetched only when the items of the previous one have been requested.
   *   <dt><b>Scheduler:</b>
   *   <dd>Pages are fetched on the thread that requests items; use {@code subscribeOn} to move off
   *       the caller's thread.
   *   <dt><b>Errors:</b>
   *   <dd>The {@link dev.llmkit.LlmException} of a failed page, after the items already fetched.
   * </dl>
   */
  default Flowable<StoredFile> listAllAsync(FileListRequest request) {
    Checks.notNull(request, "request");
    return AutoPaging.flowable(
        request.after(), after -> list(request.toBuilder().after(after).build()), StoredFile::id);
  }

  /**
   * Returns a lazy {@link Iterable} over every file matching {@code request}, the blocking
   * counterpart of {@link #listAllAsync}; each iterator starts at the request's cursor and fetches
   * pages on the iterating thread as it advances.
   */
  default Iterable<StoredFile> listAll(FileListRequest request) {
    Checks.notNull(request, "request");
    return AutoPaging.iterable(
        request.after(), after -> list(request.toBuilder().after(after).build()), StoredFile::id);
  }

  /** Returns the metadata of file {@code fileId}. */
  StoredFile retrieve(String fileId);

  /** Deletes file {@code fileId}. */
  FileDeletion delete(String fileId);

  /**
   * Downloads the content of file {@code fileId} as a stream that reads from the network as it is
   * consumed; it is never buffered whole. The caller must close it.
   */
  InputStream content(String fileId);

  /** Returns a cold {@link Single} that uploads when subscribed. */
  default Single<StoredFile> uploadAsync(FileUpload upload) {
    Checks.notNull(upload, "upload");
    return Single.fromCallable(() -> upload(upload)).subscribeOn(Schedulers.io());
  }

  /** Returns a cold {@link Single} that lists one page when subscribed. */
  default Single<Page<StoredFile>> listAsync(FileListRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> list(request)).subscribeOn(Schedulers.io());
  }

  /** Returns a cold {@link Single} that retrieves file metadata when subscribed. */
  default Single<StoredFile> retrieveAsync(String fileId) {
    Checks.notNull(fileId, "fileId");
    return Single.fromCallable(() -> retrieve(fileId)).subscribeOn(Schedulers.io());
  }

  /** Returns a cold {@link Single} that deletes a file when subscribed. */
  default Single<FileDeletion> deleteAsync(String fileId) {
    Checks.notNull(fileId, "fileId");
    return Single.fromCallable(() -> delete(fileId)).subscribeOn(Schedulers.io());
  }

  /** Returns a cold {@link Single} of the content stream, opened when subscribed; caller closes. */
  default Single<InputStream> contentAsync(String fileId) {
    Checks.notNull(fileId, "fileId");
    return Single.fromCallable(() -> content(fileId)).subscribeOn(Schedulers.io());
  }
}
