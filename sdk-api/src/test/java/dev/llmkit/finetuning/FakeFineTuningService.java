package dev.llmkit.finetuning;

import dev.llmkit.LlmException;
import dev.llmkit.common.Page;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory fine-tuning service. Jobs follow a script: each {@link #retrieve} takes the next
 * step (the last step repeats), which sets the status, appends events to the job's log, or fails.
 * Events are listed newest first, in pages, as OpenAI does; jobs are listed without {@code
 * last_id}.
 */
class FakeFineTuningService implements FineTuningService {

  /** One scripted {@link #retrieve} answer. */
  record Step(JobStatus status, List<String> newEvents, LlmException failure) {
    static Step of(JobStatus status, String... events) {
      return new Step(status, List.of(events), null);
    }

    static Step failing(LlmException failure) {
      return new Step(null, List.of(), failure);
    }
  }

  final AtomicInteger retrieveCalls = new AtomicInteger();
  final AtomicInteger listEventsCalls = new AtomicInteger();
  final Map<String, FineTuningJob> jobs = new LinkedHashMap<>();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<FineTuningJobEvent> log = new ArrayList<>();
  private JobStatus status = JobStatus.VALIDATING_FILES;

  FakeFineTuningService(Step... steps) {
    script.addAll(List.of(steps));
  }

  static FineTuningJob job(String id, JobStatus status) {
    return FineTuningJob.builder()
        .id(id)
        .createdAt(Instant.ofEpochSecond(1))
        .model("gpt-4o-mini")
        .trainingFile("file-train")
        .status(status)
        .build();
  }

  @Override
  public FineTuningJob create(CreateFineTuningJobRequest request) {
    FineTuningJob job =
        job("ftjob-" + (jobs.size() + 1), JobStatus.QUEUED).toBuilder()
            .model(request.model())
            .trainingFile(request.trainingFile())
            .build();
    jobs.put(job.id(), job);
    return job;
  }

  @Override
  public Page<FineTuningJob> list(JobListRequest request) {
    List<FineTuningJob> all = new ArrayList<>(jobs.values());
    return page(all, request.after(), request.limit() != null ? request.limit() : 20, false);
  }

  @Override
  public synchronized FineTuningJob retrieve(String jobId) {
    int call = retrieveCalls.incrementAndGet();
    Step step = script.size() > 1 ? script.poll() : script.peek();
    if (step.failure() != null) {
      throw step.failure();
    }
    status = step.status();
    for (String message : step.newEvents()) {
      log.add(
          FineTuningJobEvent.builder()
              .id("ev-" + (log.size() + 1))
              .message(message)
              .createdAt(Instant.ofEpochSecond(call))
              .type("message")
              .build());
    }
    return job(jobId, status);
  }

  @Override
  public FineTuningJob cancel(String jobId) {
    return job(jobId, JobStatus.CANCELLED);
  }

  @Override
  public synchronized Page<FineTuningJobEvent> listEvents(String jobId, ListRequest request) {
    listEventsCalls.incrementAndGet();
    List<FineTuningJobEvent> newestFirst = new ArrayList<>(log);
    Collections.reverse(newestFirst);
    return page(newestFirst, request.after(), request.limit() != null ? request.limit() : 20, true);
  }

  @Override
  public Page<FineTuningCheckpoint> listCheckpoints(String jobId, ListRequest request) {
    return Page.of(List.of());
  }

  private static <T> Page<T> page(List<T> all, String after, int limit, boolean withLastId) {
    int start = 0;
    if (after != null) {
      for (int i = 0; i < all.size(); i++) {
        if (idOf(all.get(i)).equals(after)) {
          start = i + 1;
        }
      }
    }
    int end = Math.min(all.size(), start + limit);
    List<T> data = all.subList(start, end);
    return Page.<T>builder()
        .data(data)
        .hasMore(end < all.size())
        .lastId(withLastId && !data.isEmpty() ? idOf(data.get(data.size() - 1)) : null)
        .build();
  }

  private static String idOf(Object o) {
    return o instanceof FineTuningJob j ? j.id() : ((FineTuningJobEvent) o).id();
  }
}
