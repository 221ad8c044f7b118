package dev.llmkit.finetuning;

import dev.llmkit.LlmException;
import dev.llmkit.common.Page;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Polls a job with {@link FineTuningService#retrieve} and {@link FineTuningService#listEvents}
 * until it is terminal, emitting new events and status changes. One instance per subscription;
 * polls run one after another, never concurrently.
 */
final class JobAwaiter {
  private final FineTuningService service;
  private final String jobId;
  private final AwaitOptions options;
  private final Set<String> seenEvents = new HashSet<>();
  private volatile @Nullable FineTuningJob lastJob;
  private volatile @Nullable Throwable lastPollError;
  private volatile boolean finished;
  private volatile boolean cancelled;
  private long nextDelayNanos;

  private JobAwaiter(FineTuningService service, String jobId, AwaitOptions options) {
    this.service = service;
    this.jobId = jobId;
    this.options = options;
    this.nextDelayNanos = options.initialInterval().toNanos();
  }

  static Flowable<JobUpdate> await(FineTuningService service, String jobId, AwaitOptions options) {
    return Flowable.defer(() -> new JobAwaiter(service, jobId, options).updates());
  }

  private Flowable<JobUpdate> updates() {
    Flowable<JobUpdate> polls =
        Flowable.fromCallable(this::poll)
            .subscribeOn(options.scheduler())
            .repeatWhen(
                completions ->
                    completions
                        .takeWhile(ignored -> !finished)
                        .concatMap(
                            ignored ->
                                Flowable.timer(
                                    takeDelay(), TimeUnit.NANOSECONDS, options.scheduler())))
            .concatMapIterable(updates -> updates)
            .doOnCancel(() -> cancelled = true);
    Flowable<Object> deadline =
        Flowable.timer(options.timeout().toNanos(), TimeUnit.NANOSECONDS, options.scheduler())
            .flatMap(
                ignored ->
                    Flowable.error(
                        new FineTuningTimeoutException(
                            jobId, options.timeout(), lastJob, lastPollError)));
    return polls.takeUntil(deadline);
  }

  private long takeDelay() {
    long delay = nextDelayNanos;
    double grown = delay * options.multiplier();
    nextDelayNanos = (long) Math.min(grown, (double) options.maxInterval().toNanos());
    return delay;
  }

  private List<JobUpdate> poll() {
    try {
      return pollOnce();
    } catch (RuntimeException e) {
      if (cancelled) {
        return List.of(); // interrupted by disposal or the deadline; nobody is listening any more
      }
      throw e;
    }
  }

  private List<JobUpdate> pollOnce() {
    FineTuningJob job;
    List<FineTuningJobEvent> events;
    try {
      job = service.retrieve(jobId);
      events = newEvents();
    } catch (LlmException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      lastPollError = e;
      return List.of();
    }
    List<JobUpdate> updates = new ArrayList<>(events.size() + 1);
    events.forEach(e -> updates.add(JobUpdate.of(e)));
    FineTuningJob previous = lastJob;
    if (previous == null || !previous.status().equals(job.status())) {
      updates.add(JobUpdate.of(job));
    }
    lastJob = job;
    lastPollError = null;
    finished = job.isTerminal();
    return updates;
  }

  /**
   * Returns the events not emitted yet, oldest first. Assumes the provider lists newest first (as
   * OpenAI does), so paging stops at the first page that holds an event already seen.
   */
  private List<FineTuningJobEvent> newEvents() {
    Map<String, FineTuningJobEvent> fresh = new LinkedHashMap<>();
    @Nullable String after = null;
    while (true) {
      Page<FineTuningJobEvent> page =
          service.listEvents(jobId, ListRequest.of(after, options.eventPageSize()));
      boolean reachedSeen = false;
      for (FineTuningJobEvent event : page.data()) {
        if (seenEvents.contains(event.id())) {
          reachedSeen = true;
        } else {
          fresh.putIfAbsent(event.id(), event);
        }
      }
      List<FineTuningJobEvent> data = page.data();
      if (reachedSeen || !page.hasMore() || data.isEmpty()) {
        break;
      }
      String next = page.lastId().orElse(data.get(data.size() - 1).id());
      if (next.equals(after)) {
        break;
      }
      after = next;
    }
    List<FineTuningJobEvent> ordered = new ArrayList<>(fresh.values());
    Collections.reverse(ordered);
    ordered.sort(Comparator.comparing(FineTuningJobEvent::createdAt));
    ordered.forEach(e -> seenEvents.add(e.id()));
    return ordered;
  }
}
