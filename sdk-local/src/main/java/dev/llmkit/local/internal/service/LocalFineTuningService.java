package dev.llmkit.local.internal.service;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.LlmApiException;
import dev.llmkit.common.Page;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.StoredFile;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.local.internal.Args;
import dev.llmkit.local.internal.finetune.JobSettings;
import dev.llmkit.local.internal.finetune.Jobs;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.training.MemoryPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fine-tuning on the local provider, with OpenAI's job shapes: {@link #create} checks the request
 * and queues the job; a job runner validates the files and trains on a background executor (one job
 * at a time by default). Jobs live in the data directory ({@code finetune.JobStore}) and survive a
 * restart: a job found unfinished is resumed from its last checkpoint.
 */
public final class LocalFineTuningService implements FineTuningService {
  private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Jobs jobs;
  private final FileService files;
  private final String baseId;
  private final Path baseFile;
  private final int defaultThreads;
  private final long memoryLimit;

  /**
   * @param baseId id of the loaded model, which jobs may name as their {@code model}
   * @param memoryLimit most heap bytes a job may plan to use
   */
  public LocalFineTuningService(
      Jobs jobs,
      FileService files,
      String baseId,
      Path baseFile,
      int defaultThreads,
      long memoryLimit) {
    this.jobs = jobs;
    this.files = files;
    this.baseId = baseId;
    this.baseFile = baseFile;
    this.defaultThreads = defaultThreads;
    this.memoryLimit = memoryLimit;
  }

  @Override
  public FineTuningJob create(CreateFineTuningJobRequest request) {
    Args.notNull(request, "request");
    Path file = baseFileOf(request.model());
    String suffix = request.suffix();
    if (suffix != null && !SUFFIX.matcher(suffix).matches()) {
      throw JobSettings.invalid(
          "suffix",
          "suffix must be 1 to 64 letters, digits, '_', '-' or" + " '.', got \"" + suffix + "\"");
    }
    checkFile(request.trainingFile(), "training_file");
    String validationFile = request.validationFile();
    if (validationFile != null) {
      checkFile(validationFile, "validation_file");
    }
    LlamaConfig config;
    boolean ownOutput;
    try (GgufFile gguf = GgufFile.open(file)) {
      config = LlamaConfig.from(gguf);
      ownOutput = gguf.tensor(LayerAdapter.OUTPUT_TENSOR).isPresent();
    }
    Map<String, Object> settings =
        JobSettings.of(request, defaultThreads, config.modelContextLength());
    if (!ownOutput
        && settings.get("target_modules") instanceof List<?> modules
        && modules.contains("output")) {
      throw JobSettings.invalid(
          "target_modules",
          "target module \"output\" needs a base model"
              + " with its own output.weight; "
              + file.getFileName()
              + " ties its output head to"
              + " token_embd.weight (llama.cpp could not apply such an adapter)");
    }
    checkMemory(config, settings);
    return jobs.submit(request, file, settings);
  }

  private void checkMemory(LlamaConfig config, Map<String, Object> s) {
    @SuppressWarnings("unchecked")
    List<String> targets =
        (List<String>)
            Objects.requireNonNull(s.get("target_modules"), "JobSettings.of sets target_modules");
    boolean[] t = new boolean[JobSettings.TARGETS.size()];
    targets.forEach(name -> t[JobSettings.TARGETS.indexOf(name)] = true);
    int context = JobSettings.i(s, "context_length");
    long bytes =
        MemoryPlan.bytes(
            config,
            JobSettings.i(s, "lora_rank"),
            t,
            context,
            JobSettings.d(s, "lora_dropout") > 0);
    if (bytes > memoryLimit) {
      throw JobSettings.invalid(
          "context_length",
          "training with context_length "
              + context
              + " and lora_rank "
              + JobSettings.i(s, "lora_rank")
              + " needs about "
              + (bytes >> 20)
              + " MiB of heap but the fine-tuning memory limit is "
              + (memoryLimit >> 20)
              + " MiB; lower context_length or lora_rank, or raise the limit"
              + " (llmkit.local.fine-tuning-memory-limit, -Xmx)");
    }
  }

  /** The GGUF file of the job's base model: the loaded model (by id or "local") or a path. */
  private Path baseFileOf(String model) {
    if (model.equals(baseId)
        || model.equals("local")
        || baseFile.toAbsolutePath().toString().equals(model)) {
      return baseFile;
    }
    if (model.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")
        && Files.isRegularFile(Path.of(model))) {
      return Path.of(model);
    }
    throw InvalidRequestException.notFound(
        "local",
        "model_not_found",
        "model",
        "model '"
            + model
            + "' is not available for fine-tuning here; use"
            + " the loaded model '"
            + baseId
            + "' or the path of a .gguf file");
  }

  private void checkFile(String id, String param) {
    StoredFile f;
    try {
      f = files.retrieve(id);
    } catch (InvalidRequestException e) {
      throw LlmApiException.builder("local", 400)
          .errorType("invalid_request_error")
          .errorCode("invalid_file")
          .param(param)
          .message(
              param
                  + " '"
                  + id
                  + "' does not exist; upload it"
                  + " with files().upload(path, FilePurpose.FINE_TUNE)")
          .build();
    }
    if (!FilePurpose.FINE_TUNE.equals(f.purpose())) {
      throw JobSettings.invalid(
          param,
          param
              + " '"
              + id
              + "' was uploaded with purpose '"
              + f.purpose().value()
              + "'; upload it with purpose 'fine-tune'");
    }
  }

  @Override
  public Page<FineTuningJob> list(JobListRequest request) {
    Args.notNull(request, "request");
    List<FineTuningJob> all = new ArrayList<>(jobs.jobs(request.metadata()));
    Collections.reverse(all); // newest first
    return page(
        all, request.after(), Objects.requireNonNullElse(request.limit(), 20), FineTuningJob::id);
  }

  @Override
  public FineTuningJob retrieve(String jobId) {
    Args.notBlank(jobId, "jobId");
    return jobs.job(jobId);
  }

  @Override
  public FineTuningJob cancel(String jobId) {
    Args.notBlank(jobId, "jobId");
    return jobs.cancel(jobId);
  }

  @Override
  public Page<FineTuningJobEvent> listEvents(String jobId, ListRequest request) {
    Args.notBlank(jobId, "jobId");
    List<FineTuningJobEvent> events = new ArrayList<>(jobs.events(jobId));
    Collections.reverse(events);
    return page(
        events,
        request.after(),
        Objects.requireNonNullElse(request.limit(), 20),
        FineTuningJobEvent::id);
  }

  @Override
  public Page<FineTuningCheckpoint> listCheckpoints(String jobId, ListRequest request) {
    Args.notBlank(jobId, "jobId");
    List<FineTuningCheckpoint> list = new ArrayList<>(jobs.checkpoints(jobId));
    Collections.reverse(list);
    return page(
        list,
        request.after(),
        Objects.requireNonNullElse(request.limit(), 10),
        FineTuningCheckpoint::id);
  }

  private static <T> Page<T> page(
      List<T> all, @Nullable String after, int limit, Function<T, String> id) {
    int from = 0;
    if (after != null) {
      for (int i = 0; i < all.size(); i++) {
        if (id.apply(all.get(i)).equals(after)) {
          from = i + 1;
        }
      }
    }
    int to = Math.min(all.size(), from + Math.max(1, limit));
    return Page.<T>builder().data(all.subList(from, to)).hasMore(to < all.size()).build();
  }

  /** Whether {@code status} means the job is still to run or running. */
  static boolean active(String status) {
    return !JobStatus.of(status).isTerminal();
  }
}
