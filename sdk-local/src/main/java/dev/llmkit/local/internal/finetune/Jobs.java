package dev.llmkit.local.internal.finetune;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.LlmIoException;
import dev.llmkit.file.FileService;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.JobStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The jobs of one data directory: their records, the executor that runs them ({@code concurrency}
 * at a time, the rest queued) and their cancel flags. Jobs found unfinished at start-up are run
 * again; their runner resumes from the last checkpoint.
 *
 * <p>Several clients, in this process or others, may share one data directory. {@code job.json} on
 * disk is the record of a job; every change is made under a file lock on the directory ({@link
 * JobStore#lockFile}), and a job is run only by the client that holds its run lock ({@link
 * JobStore#runLock}), so no job runs twice and no client overwrites another's change. The client
 * running a job keeps its record in memory and adopts a cancel another client wrote. Closing stops
 * running jobs at their next example without marking them, so the next start resumes them.
 */
public final class Jobs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Jobs.class.getName());
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final JobStore store;

  /** The records of the jobs this client is running. */
  private final Map<String, JobRecord> owned = new ConcurrentHashMap<>();

  private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final JobRunner runner;
  private final boolean specialTokensInContent;
  private volatile boolean closing;

  /**
   * The job setting (in {@code local_settings}) that says whether special-token text in the
   * training messages is parsed as control tokens: the creating client's {@code
   * specialTokensInContent}.
   */
  static final String SPECIAL_TOKENS_IN_CONTENT = "special_tokens_in_content";

  public Jobs(Path dataDir, FileService files, int concurrency) {
    this(dataDir, files, concurrency, false);
  }

  /**
   * @param specialTokensInContent whether special-token text in training messages becomes control
   *     tokens (the client's setting, as for chat); false keeps it plain text. A job records the
   *     setting of the client that creates it ({@link #SPECIAL_TOKENS_IN_CONTENT}) and trains with
   *     it whichever client runs it.
   */
  public Jobs(Path dataDir, FileService files, int concurrency, boolean specialTokensInContent) {
    this.specialTokensInContent = specialTokensInContent;
    this.store = new JobStore(dataDir);
    int pool = POOLS.incrementAndGet();
    AtomicInteger ids = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "llmkit-fine-tuning-" + pool + "-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.runner = new JobRunner(this, store, files, specialTokensInContent);
    for (JobRecord r : sorted(store.loadAll())) {
      if (!r.isTerminal()) {
        start(r.id, true);
      }
    }
  }

  private static List<JobRecord> sorted(List<JobRecord> jobs) {
    jobs.sort(Comparator.comparingLong((JobRecord r) -> r.createdAt).thenComparing(r -> r.id));
    return jobs;
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

  /**
   * Queues a new job for {@code request} (already checked) on {@code baseFile} with its resolved
   * {@code settings}, and returns it as stored.
   */
  public FineTuningJob submit(
      CreateFineTuningJobRequest request, Path baseFile, Map<String, Object> settings) {
    JobRecord r = new JobRecord();
    r.id =
        "ftjob-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
            + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 1);
    r.createdAt = System.currentTimeMillis() / 1000;
    r.model = request.model();
    r.baseFile = baseFile.toAbsolutePath().toString();
    r.trainingFile = request.trainingFile();
    r.validationFile = request.validationFile();
    r.suffix = request.suffix();
    Long seed = request.seed();
    r.seed = seed != null ? seed : (long) ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
    r.settings = new LinkedHashMap<>(settings);
    r.settings.put(SPECIAL_TOKENS_IN_CONTENT, specialTokensInContent);
    r.metadata = new LinkedHashMap<>(request.metadata());
    r.event("info", "Created fine-tuning job: " + r.id, "message", Map.of());
    return submit(r);
  }

  /** The jobs whose metadata contains every entry of {@code metadata}, oldest first. */
  public List<FineTuningJob> jobs(Map<String, String> metadata) {
    List<FineTuningJob> out = new ArrayList<>();
    for (JobRecord r : snapshot()) {
      if (r.metadata.entrySet().containsAll(metadata.entrySet())) {
        out.add(r.toJob());
      }
    }
    return out;
  }

  /** The job {@code id}; a 404 InvalidRequestException when there is none. */
  public FineTuningJob job(String id) {
    return read(id, JobRecord::toJob);
  }

  /** The job's events, oldest first. */
  public List<FineTuningJobEvent> events(String id) {
    return read(
        id,
        r -> {
          List<FineTuningJobEvent> list = new ArrayList<>();
          for (Map<String, Object> e : r.events) {
            list.add(JobRecord.toEvent(e));
          }
          return list;
        });
  }

  /** The job's checkpoints, oldest first. */
  public List<FineTuningCheckpoint> checkpoints(String id) {
    return read(
        id,
        r -> {
          List<FineTuningCheckpoint> list = new ArrayList<>();
          for (Map<String, Object> c : r.checkpoints) {
            list.add(r.toCheckpoint(c));
          }
          return list;
        });
  }

  FineTuningJob submit(JobRecord r) {
    store.create(r.id);
    FileLocks.with(
        store.lockFile(),
        () -> {
          store.save(r);
          return null;
        });
    start(r.id, false);
    return read(r.id, JobRecord::toJob);
  }

  /**
   * Queues the job; when its turn comes it runs here only if no other client runs it and it is
   * still unfinished.
   */
  private void start(String id, boolean found) {
    cancelled.putIfAbsent(id, new AtomicBoolean());
    executor.execute(
        () -> {
          if (closing) {
            return;
          }
          FileLocks.Held held = FileLocks.tryHold(store.runLock(id));
          if (held == null) {
            LOG.fine(() -> "fine-tuning job " + id + " is run by another client");
            return;
          }
          try (held) {
            JobRecord r = FileLocks.with(store.lockFile(), () -> store.load(id));
            if (r == null || r.isTerminal()) {
              return;
            }
            owned.put(id, r);
            if (found) {
              update(
                  id,
                  x ->
                      x.event(
                          "warn",
                          "The job was interrupted when "
                              + x.status
                              + " (no client"
                              + " runs it: its process stopped); resuming"
                              + (x.checkpoints.isEmpty() ? "" : " from the last checkpoint"),
                          "message",
                          Map.of()));
            }
            runner.run(id);
          } finally {
            owned.remove(id);
          }
        });
  }

  /** Applies {@code fn} to the job's current record; 404 for an unknown id. */
  synchronized <T> T read(String id, Function<JobRecord, T> fn) {
    JobRecord r = owned.get(id);
    if (r == null) {
      r = store.load(id);
    }
    if (r == null) {
      throw missing(id);
    }
    return fn.apply(r);
  }

  private RuntimeException missing(String id) {
    String corrupt = store.corruption(id);
    if (corrupt != null) {
      return new LlmIoException(
          "local", "fine-tuning job '" + id + "' cannot be read: " + corrupt, null);
    }
    return InvalidRequestException.notFound(
        "local",
        "not_found",
        "fine_tuning_job_id",
        "no fine-tuning job '" + id + "' in " + store.root());
  }

  /**
   * Changes the job and saves it, under the data directory's lock. A job this client runs is
   * changed in memory; when another client has meanwhile ended it (cancelled), that record is
   * adopted first and the job's cancel flag set.
   */
  void update(String id, Consumer<JobRecord> change) {
    FileLocks.with(
        store.lockFile(),
        () -> {
          synchronized (this) {
            JobRecord disk = store.load(id);
            JobRecord r = owned.get(id);
            if (r == null) {
              r = disk;
            } else if (disk != null && disk.isTerminal() && !r.isTerminal()) {
              r = disk;
              owned.put(id, r);
              cancelled.computeIfAbsent(id, k -> new AtomicBoolean()).set(true);
            }
            if (r == null) {
              throw missing(id);
            }
            change.accept(r);
            store.save(r);
            return null;
          }
        });
  }

  /**
   * Records progress of a job this client runs, like {@link #update}, unless the job has ended
   * meanwhile (cancelled here or by another client): then nothing is recorded and a {@link
   * CancellationException} stops the runner, so no event follows the job's last one.
   */
  void progress(String id, Consumer<JobRecord> change) {
    update(
        id,
        r -> {
          if (r.isTerminal()) {
            throw new CancellationException("job " + id + " is already " + r.status);
          }
          change.accept(r);
        });
  }

  /** Every job on disk (this client's running ones as it holds them), oldest first. */
  synchronized List<JobRecord> snapshot() {
    List<JobRecord> all = store.loadAll();
    all.replaceAll(r -> owned.getOrDefault(r.id, r));
    return sorted(all);
  }

  /** Marks the job cancelled at once; a running trainer stops before its next example. */
  public FineTuningJob cancel(String id) {
    AtomicBoolean flag = cancelled.computeIfAbsent(id, k -> new AtomicBoolean());
    FineTuningJob[] out = new FineTuningJob[1];
    update(
        id,
        r -> {
          if (r.isTerminal()) {
            throw LlmApiException.builder("local", 400)
                .errorType("invalid_request_error")
                .errorCode("invalid_state")
                .param("fine_tuning_job_id")
                .message("job " + id + " is already " + r.status + " and cannot be cancelled")
                .build();
          }
          flag.set(true);
          r.status = JobStatus.CANCELLED.value();
          r.finishedAt = System.currentTimeMillis() / 1000;
          r.estimatedFinish = null;
          r.event("info", "Fine-tuning job cancelled", "message", Map.of());
          out[0] = r.toJob();
        });
    return out[0];
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
