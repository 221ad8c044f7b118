package dev.llmkit.local.internal.finetune;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.JobStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The jobs of one data directory: their records (the source of truth, saved on every change),
 * the executor that runs them ({@code concurrency} at a time, the rest queued) and their cancel
 * flags. Jobs found unfinished at start-up are run again; their runner resumes from the last
 * checkpoint. Closing stops running jobs at their next example without marking them, so the
 * next start resumes them.
 */
public final class Jobs implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final JobStore store;
  private final Map<String, JobRecord> records = new LinkedHashMap<>();
  private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final JobRunner runner;
  private volatile boolean closing;

  public Jobs(Path dataDir, FileService files, int concurrency) {
    this.store = new JobStore(dataDir);
    int pool = POOLS.incrementAndGet();
    AtomicInteger ids = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "llmkit-fine-tuning-" + pool + "-" + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.runner = new JobRunner(this, store, files);
    List<JobRecord> found = store.loadAll();
    found.sort(Comparator.comparingLong((JobRecord r) -> r.createdAt).thenComparing(r -> r.id));
    for (JobRecord r : found) {
      records.put(r.id, r);
    }
    for (JobRecord r : found) {
      if (!r.isTerminal()) {
        r.event("warn", "The job was interrupted when " + r.status + " (the process stopped);"
            + " resuming" + (r.checkpoints.isEmpty() ? "" : " from the last checkpoint"),
            "message", Map.of());
        store.save(r);
        start(r.id);
      }
    }
  }

  JobStore store() {
    return store;
  }

  boolean closing() {
    return closing;
  }

  boolean isCancelled(String id) {
    AtomicBoolean flag = cancelled.get(id);
    return closing || (flag != null && flag.get());
  }

  FineTuningJob submit(JobRecord r) {
    store.create(r.id);
    synchronized (this) {
      records.put(r.id, r);
      store.save(r);
    }
    start(r.id);
    return read(r.id, JobRecord::toJob);
  }

  private void start(String id) {
    cancelled.put(id, new AtomicBoolean());
    executor.execute(() -> runner.run(id));
  }

  /** Applies {@code fn} to the job under the lock; 404 for an unknown id. */
  synchronized <T> T read(String id, Function<JobRecord, T> fn) {
    JobRecord r = records.get(id);
    if (r == null) {
      throw new InvalidRequestException("local", 404, "invalid_request_error", "not_found",
          "fine_tuning_job_id", null, null, "no fine-tuning job '" + id + "' in "
              + store.root(), null);
    }
    return fn.apply(r);
  }

  /** Changes the job under the lock and saves it. */
  synchronized void update(String id, Consumer<JobRecord> change) {
    JobRecord r = read(id, x -> x);
    change.accept(r);
    store.save(r);
  }

  synchronized List<JobRecord> snapshot() {
    return new ArrayList<>(records.values());
  }

  /** Marks the job cancelled at once; a running trainer stops before its next example. */
  FineTuningJob cancel(String id) {
    synchronized (this) {
      JobRecord r = read(id, x -> x);
      if (r.isTerminal()) {
        throw new InvalidRequestException("local", 400, "invalid_request_error", "invalid_state",
            "fine_tuning_job_id", null, null, "job " + id + " is already " + r.status
                + " and cannot be cancelled", null);
      }
      AtomicBoolean flag = cancelled.computeIfAbsent(id, k -> new AtomicBoolean());
      flag.set(true);
      r.status = JobStatus.CANCELLED.value();
      r.finishedAt = System.currentTimeMillis() / 1000;
      r.estimatedFinish = null;
      r.event("info", "Fine-tuning job cancelled", "message", Map.of());
      store.save(r);
      return r.toJob();
    }
  }

  /** Stops the executor; running jobs stop at their next example and resume on the next start. */
  @Override
  public void close() {
    closing = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
