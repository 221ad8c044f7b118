package dev.llmkit.local.internal.finetune;

import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.LlamaWeights;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.template.ChatTemplates;
import dev.llmkit.local.internal.tokenizer.Tokenizer;
import dev.llmkit.local.internal.training.AdapterFile;
import dev.llmkit.local.internal.training.Trainer;
import dev.llmkit.local.internal.training.TrainerState;
import dev.llmkit.local.internal.training.TrainingConfig;
import dev.llmkit.local.internal.training.TrainingExample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one job on an executor thread: validates and tokenizes its files (status validating_files),
 * then trains (queued → running), writing a checkpoint per epoch and the final adapter, and ends
 * succeeded, failed (with a code, a message and the parameter at fault) or cancelled. A job that
 * has checkpoints resumes from the last one.
 */
final class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

  private final Jobs jobs;
  private final JobStore store;
  private final FileService files;
  private final boolean specialTokensInContent;

  JobRunner(Jobs jobs, JobStore store, FileService files, boolean specialTokensInContent) {
    this.jobs = jobs;
    this.store = store;
    this.files = files;
    this.specialTokensInContent = specialTokensInContent;
  }

  /**
   * Whether the job's training messages may hold control tokens: the setting of the client that
   * created the job, so that a model is trained on the tokens its chats will send; a job stored
   * without it (by an older version) uses the setting of the client running it.
   */
  private boolean specialTokensInContent(JobRecord job) {
    return job.settings.get(Jobs.SPECIAL_TOKENS_IN_CONTENT) instanceof Boolean b
        ? b
        : specialTokensInContent;
  }

  /** A job failure with OpenAI's error fields. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final @Nullable String param;

    private final String message;

    Failure(String code, @Nullable String param, String message) {
      super(message);
      this.message = message;
      this.code = code;
      this.param = param;
    }

    @Override
    public String getMessage() { // never null, unlike Throwable's
      return message;
    }
  }

  void run(String id) {
    try {
      train(id);
    } catch (CancellationException e) {
      if (!jobs.closing()) {
        LOG.fine(() -> "job " + id + " cancelled");
      }
    } catch (Failure f) {
      fail(id, f.code, f.param, f.getMessage());
    } catch (RuntimeException | OutOfMemoryError | IOException e) {
      LOG.log(Level.WARNING, "fine-tuning job " + id + " failed", e);
      String what =
          e instanceof OutOfMemoryError
              ? "the JVM ran out of heap ("
                  + e.getMessage()
                  + "); lower context_length or lora_rank, or raise -Xmx"
              : e.toString();
      fail(id, "internal_error", null, "training failed: " + what);
    }
  }

  private void fail(String id, String code, @Nullable String param, String message) {
    jobs.update(
        id,
        r -> {
          if (r.isTerminal()) {
            return;
          }
          r.status = JobStatus.FAILED.value();
          r.errorCode = code;
          r.errorParam = param;
          r.errorMessage = message;
          r.finishedAt = System.currentTimeMillis() / 1000;
          r.estimatedFinish = null;
          r.event("error", "Fine-tuning job failed: " + message, "message", Map.of());
        });
  }

  /** Moves the job on unless it was cancelled meanwhile (or the client is closing). */
  private void advance(String id, String status, @Nullable String message) {
    jobs.progress(
        id,
        r -> {
          r.status = status;
          if (message != null) {
            r.event("info", message, "message", Map.of());
          }
        });
    if (jobs.isCancelled(id)) {
      throw new CancellationException();
    }
  }

  private void train(String id) throws IOException {
    JobRecord job = jobs.read(id, r -> JobRecord.fromMap(r.toMap()));
    advance(
        id,
        JobStatus.VALIDATING_FILES.value(),
        "Validating training file: "
            + job.trainingFile
            + (job.validationFile != null ? " and validation file: " + job.validationFile : ""));
    Path base = Path.of(job.baseFile);
    if (!Files.isRegularFile(base)) {
      throw new Failure(
          "model_not_found",
          "model",
          "the base model file "
              + base
              + " no longer exists; restore it or create the job again with another model");
    }
    try (GgufFile gguf = GgufFile.open(base)) {
      LlamaConfig config = LlamaConfig.from(gguf);
      Tokenizer tokenizer = Tokenizer.fromMetadata(gguf.metadata());
      Datasets data =
          new Datasets(
              tokenizer,
              ChatTemplates.fromMetadata(gguf.metadata()),
              JobSettings.i(job.settings, "context_length"),
              specialTokensInContent(job));
      int maxExamples = JobSettings.i(job.settings, "max_examples");
      List<TrainingExample> train =
          examples(id, data, job.trainingFile, "training_file", maxExamples);
      List<TrainingExample> valid =
          job.validationFile == null
              ? List.of()
              : examples(id, data, job.validationFile, "validation_file", maxExamples);
      jobs.progress(id, r -> JobSettings.resolve(r.settings, train.size()));
      job = jobs.read(id, r -> JobRecord.fromMap(r.toMap()));
      advance(
          id,
          JobStatus.QUEUED.value(),
          "Files validated ("
              + train.size()
              + " training"
              + " examples"
              + (valid.isEmpty() ? "" : ", " + valid.size() + " validation examples")
              + "), moving job to queued state");
      TrainingConfig cfg = JobSettings.config(job.settings, job.seed);
      Trainer trainer =
          new Trainer(new TrainingView(config, LlamaWeights.load(gguf, config)), cfg, train, valid);
      TrainerState resume = resumeState(id, job, config);
      advance(
          id,
          JobStatus.RUNNING.value(),
          resume == null
              ? "Fine-tuning job started"
              : "Fine-tuning job resumed at step " + resume.step());
      String modelId =
          "ft:" + ModelInfo.idOf(base) + ":" + (job.suffix == null ? "" : job.suffix) + ":" + id;
      Progress progress =
          new Progress(
              jobs,
              store,
              id,
              modelId,
              config.architecture(),
              ModelInfo.idOf(base),
              trainer.totalSteps(),
              resume == null ? 0 : resume.step());
      TrainerState end = trainer.run(resume, () -> jobs.isCancelled(id), progress);
      AdapterFile.write(
          store.adapter(id), end.adapter(), config.architecture(), ModelInfo.idOf(base));
      String results = uploadMetrics(id, progress.metricsCsv());
      jobs.update(
          id,
          r -> {
            if (r.isTerminal()) {
              return;
            }
            r.trainedTokens = end.trainedTokens();
            r.fineTunedModel = modelId;
            r.resultFiles = results == null ? List.of() : List.of(results);
            r.event(
                "info",
                "New fine-tuned model created: " + modelId,
                "message",
                Map.of("fine_tuned_model", modelId));
            r.event("info", "The job has successfully completed", "message", Map.of());
            r.status = JobStatus.SUCCEEDED.value();
            r.finishedAt = System.currentTimeMillis() / 1000;
            r.estimatedFinish = null;
          });
    }
  }

  private List<TrainingExample> examples(
      String id, Datasets data, String fileId, String param, int maxExamples) throws IOException {
    Datasets.Result result;
    try (InputStream in = files.content(fileId)) {
      result = data.read(in, maxExamples);
    } catch (RuntimeException e) {
      throw new Failure(
          "invalid_" + param, param, "cannot read " + param + " " + fileId + ": " + e.getMessage());
    }
    if (result.errorCount() > 0) {
      throw new Failure(
          "invalid_" + param,
          param,
          "the "
              + param.replace('_', ' ')
              + " "
              + fileId
              + " has "
              + result.errorCount()
              + " invalid line"
              + (result.errorCount() == 1 ? "" : "s")
              + ": "
              + String.join("; ", result.errors())
              + (result.errorCount() > result.errors().size() ? "; …" : ""));
    }
    if (!result.warnings().isEmpty()) {
      jobs.progress(
          id,
          r -> {
            for (String w : result.warnings().subList(0, Math.min(5, result.warnings().size()))) {
              r.event("warn", fileId + " " + w, "message", Map.of());
            }
          });
    }
    return result.examples();
  }

  private @Nullable TrainerState resumeState(String id, JobRecord job, LlamaConfig config) {
    if (job.checkpoints.isEmpty()) {
      return null;
    }
    long step =
        JobRecord.num(job.checkpoints.get(job.checkpoints.size() - 1).get("step")).longValue();
    Path file = store.checkpointDir(id, step).resolve("state.bin");
    try {
      return TrainerState.read(file, config);
    } catch (IOException e) {
      throw new Failure(
          "checkpoint_unreadable",
          null,
          "cannot resume from the checkpoint at"
              + " step "
              + step
              + " ("
              + e.getMessage()
              + "); create the job again");
    }
  }

  private @Nullable String uploadMetrics(String id, String csv) {
    try {
      return files
          .upload(
              FileUpload.of(
                  csv.getBytes(StandardCharsets.UTF_8),
                  "step_metrics_" + id + ".csv",
                  FilePurpose.FINE_TUNE_RESULTS))
          .id();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot store the step metrics of " + id, e);
      return null;
    }
  }

  /** Formats a loss for event messages. */
  static String loss(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static Map<String, Object> map(@Nullable Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object value = kv[i + 1];
      if (value != null) { // absent values are left out
        m.put((String) Objects.requireNonNull(kv[i], "key"), value);
      }
    }
    return m;
  }
}
