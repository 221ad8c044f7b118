package dev.llmkit.finetuning;

import dev.llmkit.common.Page;
import dev.llmkit.internal.AutoPaging;
import dev.llmkit.internal.Checks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Creates and follows fine-tuning jobs.
 *
 * <p>Blocking methods run on the caller's thread. The {@code *Async} variants are cold: nothing is
 * sent until subscription; their default implementations run the blocking call on {@link
 * Schedulers#io()}. Errors are {@link dev.llmkit.LlmException} subtypes. A job that failed is not
 * an error: read {@link FineTuningJob#error()}.
 */
public interface FineTuningService {

  /**
   * Starts a fine-tuning job and returns its first snapshot.
   *
   * @throws dev.llmkit.UnsupportedCapabilityException if this provider does not fine-tune
   */
  FineTuningJob create(CreateFineTuningJobRequest request);

  /**
   * Returns one page of jobs, newest first; pass the last job's id as {@code after} for the next.
   */
  Page<FineTuningJob> list(JobListRequest request);

  /** Returns jobs after the job {@code after} (none: from the newest), {@code limit} per page. */
  default Page<FineTuningJob> list(@Nullable String after, @Nullable Integer limit) {
    return list(JobListRequest.builder().after(after).limit(limit).build());
  }

  /** Returns the current snapshot of job {@code jobId}. */
  FineTuningJob retrieve(String jobId);

  /** Cancels job {@code jobId} and returns its snapshot. */
  FineTuningJob cancel(String jobId);

  /** Returns one page of the job's events, newest first. */
  Page<FineTuningJobEvent> listEvents(String jobId, ListRequest request);

  default Page<FineTuningJobEvent> listEvents(
      String jobId, @Nullable String after, @Nullable Integer limit) {
    return listEvents(jobId, ListRequest.of(after, limit));
  }

  /** Returns one page of the job's checkpoints. */
  Page<FineTuningCheckpoint> listCheckpoints(String jobId, ListRequest request);

  default Page<FineTuningCheckpoint> listCheckpoints(
      String jobId, @Nullable String after, @Nullable Integer limit) {
    return listCheckpoints(jobId, ListRequest.of(after, limit));
  }

  /**
   * Returns a cold stream of every job matching {@code request}, fetching further pages with {@link
   * #list(JobListRequest)} while the provider says there are more.
   *
   * <dl>
   *   <dt><b>Backpressure:</b>
   *   <dd>A page is fetched only when the items of the previous one have been requested.
   *   <dt><b>Scheduler:</b>
   *   <dd>Pages are fetched on the requesting thread; use {@code subscribeOn} to move off it.
   * </dl>
   */
  default Flowable<FineTuningJob> listAllAsync(JobListRequest request) {
    Checks.notNull(request, "request");
    return AutoPaging.flowable(
        request.after(),
        after -> list(request.toBuilder().after(after).build()),
        FineTuningJob::id);
  }

  /** Returns a lazy {@link Iterable} over every job matching {@code request}, paging as needed. */
  default Iterable<FineTuningJob> listAll(JobListRequest request) {
    Checks.notNull(request, "request");
    return AutoPaging.iterable(
        request.after(),
        after -> list(request.toBuilder().after(after).build()),
        FineTuningJob::id);
  }

  /** Returns a cold stream of the job's events, newest first, paging as {@link #listAllAsync}. */
  default Flowable<FineTuningJobEvent> listAllEventsAsync(String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return AutoPaging.flowable(
        request.after(),
        after -> listEvents(jobId, request.withAfter(after)),
        FineTuningJobEvent::id);
  }

  /** Returns a lazy {@link Iterable} over all events of the job, newest first. */
  default Iterable<FineTuningJobEvent> listAllEvents(String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return AutoPaging.iterable(
        request.after(),
        after -> listEvents(jobId, request.withAfter(after)),
        FineTuningJobEvent::id);
  }

  /** Returns a cold stream of all checkpoints of the job, paging as {@link #listAllAsync}. */
  default Flowable<FineTuningCheckpoint> listAllCheckpointsAsync(
      String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return AutoPaging.flowable(
        request.after(),
        after -> listCheckpoints(jobId, request.withAfter(after)),
        FineTuningCheckpoint::id);
  }

  /** Returns a lazy {@link Iterable} over all checkpoints of the job. */
  default Iterable<FineTuningCheckpoint> listAllCheckpoints(String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return AutoPaging.iterable(
        request.after(),
        after -> listCheckpoints(jobId, request.withAfter(after)),
        FineTuningCheckpoint::id);
  }

  /**
   * Returns a cold stream that follows job {@code jobId} until it succeeds, fails or is cancelled.
   * Each poll calls {@link #retrieve} and {@link #listEvents}; it emits every event not emitted
   * before (oldest first), then the job snapshot if its status changed since the last poll (always
   * on the first poll). After the terminal snapshot the stream completes, so its last item is the
   * final job.
   *
   * <p>Polls are {@link AwaitOptions#initialInterval()} apart at first, the wait growing by {@link
   * AwaitOptions#multiplier()} up to {@link AwaitOptions#maxInterval()}. A poll failing with a
   * retryable {@link dev.llmkit.LlmException} is skipped; other errors end the stream.
   *
   * <dl>
   *   <dt><b>Scheduler:</b>
   *   <dd>Polls and timers run on {@link AwaitOptions#scheduler()}.
   *   <dt><b>Errors:</b>
   *   <dd>{@link FineTuningTimeoutException} when {@link AwaitOptions#timeout()} passes first.
   * </dl>
   */
  default Flowable<JobUpdate> awaitCompletionAsync(String jobId, AwaitOptions options) {
    Checks.notBlank(jobId, "jobId");
    Checks.notNull(options, "options");
    return JobAwaiter.await(this, jobId, options);
  }

  /** Follows job {@code jobId} with {@link AwaitOptions#defaults()}. */
  default Flowable<JobUpdate> awaitCompletionAsync(String jobId) {
    return awaitCompletionAsync(jobId, AwaitOptions.defaults());
  }

  /**
   * Blocks until job {@code jobId} is terminal, polling as {@link #awaitCompletionAsync}, and
   * returns its final snapshot (check {@link FineTuningJob#status()} and {@link
   * FineTuningJob#error()}).
   *
   * @throws FineTuningTimeoutException if the job is not terminal within {@link
   *     AwaitOptions#timeout()}
   */
  default FineTuningJob awaitCompletion(String jobId, AwaitOptions options) {
    return awaitCompletionAsync(jobId, options)
        .filter(JobUpdate::isJob)
        .map(update -> update.job().orElseThrow())
        .blockingLast();
  }

  /** Blocks as {@link #awaitCompletion(String, AwaitOptions)} with the default options. */
  default FineTuningJob awaitCompletion(String jobId) {
    return awaitCompletion(jobId, AwaitOptions.defaults());
  }

  /** Blocks as {@link #awaitCompletion(String, AwaitOptions)}, at most {@code timeout}. */
  default FineTuningJob awaitCompletion(String jobId, Duration timeout) {
    Checks.notNull(timeout, "timeout");
    return awaitCompletion(jobId, AwaitOptions.builder().timeout(timeout).build());
  }

  default Single<FineTuningJob> createAsync(CreateFineTuningJobRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> create(request)).subscribeOn(Schedulers.io());
  }

  default Single<Page<FineTuningJob>> listAsync(JobListRequest request) {
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> list(request)).subscribeOn(Schedulers.io());
  }

  default Single<FineTuningJob> retrieveAsync(String jobId) {
    Checks.notNull(jobId, "jobId");
    return Single.fromCallable(() -> retrieve(jobId)).subscribeOn(Schedulers.io());
  }

  default Single<FineTuningJob> cancelAsync(String jobId) {
    Checks.notNull(jobId, "jobId");
    return Single.fromCallable(() -> cancel(jobId)).subscribeOn(Schedulers.io());
  }

  default Single<Page<FineTuningJobEvent>> listEventsAsync(String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> listEvents(jobId, request)).subscribeOn(Schedulers.io());
  }

  default Single<Page<FineTuningCheckpoint>> listCheckpointsAsync(
      String jobId, ListRequest request) {
    Checks.notNull(jobId, "jobId");
    Checks.notNull(request, "request");
    return Single.fromCallable(() -> listCheckpoints(jobId, request)).subscribeOn(Schedulers.io());
  }
}
