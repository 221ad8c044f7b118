package dev.llmkit.cli;

import dev.llmkit.LlmClient;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.training.TrainingData;
import dev.llmkit.training.ValidationIssue;
import dev.llmkit.training.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmkit fine-tune validate|create|get|list|events|cancel|wait}. */
@Command(
    name = "fine-tune",
    mixinStandardHelpOptions = true,
    description = "Creates and follows fine-tuning jobs.")
final class FineTuneCommand {
  @Spec CommandSpec spec;

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a fine-tuning JSONL file locally, without a provider: prints each"
            + " issue, then a summary with a token estimate.",
        "Exits 1 if the file has errors."
      })
  int validate(@Parameters(paramLabel = "FILE") Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    ValidationReport report = TrainingData.validate(file);
    for (ValidationIssue issue : report.issues()) {
      println(issue.toString());
    }
    println(
        report.examples()
            + " examples ("
            + report.validExamples()
            + " valid"
            + report
                .format()
                .map(f -> ", " + f.name().toLowerCase(java.util.Locale.ROOT))
                .orElse("")
            + "), "
            + report.errorCount()
            + " errors, "
            + report.warningCount()
            + " warnings, ~"
            + report.totalTokens()
            + " tokens");
    return report.isValid() ? 0 : ErrorHandler.API_ERROR;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Starts a job; prints the job id, or with --wait follows it (progress on"
            + " stderr) and prints the fine-tuned model id as the last line.",
        "--training-file is an uploaded file's id or a local JSONL file, uploaded first."
      })
  int create(
      @Mixin ClientOptions client,
      @Option(
              names = "--training-file",
              required = true,
              paramLabel = "FILE_ID|PATH",
              description = "Id of the uploaded JSONL training file, or a JSONL file to upload.")
          String trainingFile,
      @Option(names = "--validation-file", paramLabel = "FILE_ID|PATH") @Nullable String validation,
      @Option(
              names = "--suffix",
              paramLabel = "TEXT",
              description = "Up to 64 characters added to the fine-tuned model's name.")
          @Nullable String suffix,
      @Option(
              names = "--epochs",
              paramLabel = "N",
              description = "Training epochs (method.supervised.hyperparameters.n_epochs).")
          @Nullable Long epochs,
      @Option(names = "--seed", paramLabel = "N") @Nullable Long seed,
      @Option(names = "--wait", description = "Follow the job until it ends.") boolean wait,
      @Option(
              names = "--timeout",
              paramLabel = "DURATION",
              defaultValue = "PT2H",
              description = "With --wait: give up after this long. Default PT2H.")
          Duration timeout) {
    try (LlmClient llm = client.openClient()) {
      CreateFineTuningJobRequest.Builder request =
          CreateFineTuningJobRequest.builder()
              .model(client.requestModel("gpt-4o-mini-2024-07-18"))
              .trainingFile(fileId(llm, trainingFile))
              .validationFile(validation == null ? null : fileId(llm, validation))
              .suffix(suffix)
              .seed(seed);
      if (epochs != null) {
        request.method(
            FineTuneMethod.supervised(Hyperparameters.builder().nEpochs(epochs).build()));
      }
      FineTuningJob job = llm.fineTuning().create(request.build());
      if (!wait) {
        println(job.id());
        return 0;
      }
      spec.commandLine().getErr().println("job " + job.id() + " created");
      return follow(
          llm,
          job.id(),
          AwaitOptions.builder()
              .timeout(timeout)
              .initialInterval(Duration.ofMillis(250))
              .maxInterval(Duration.ofSeconds(5))
              .build());
    }
  }

  /** An uploaded file's id: {@code value} itself, or the id of the local file it names. */
  private String fileId(LlmClient llm, String value) {
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      return value;
    }
    PrintWriter err = spec.commandLine().getErr();
    String id = llm.files().upload(FileUpload.of(path, FilePurpose.FINE_TUNE)).id();
    err.println("uploaded " + path + " as " + id);
    err.flush();
    return id;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints a job.")
  int get(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB_ID") String id) {
    try (LlmClient llm = client.openClient()) {
      describe(llm.fineTuning().retrieve(id));
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists jobs: id, status, base model, fine-tuned model.")
  int list(
      @Mixin ClientOptions client,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "20") int limit) {
    try (LlmClient llm = client.openClient()) {
      JobListRequest request = JobListRequest.builder().limit(limit).build();
      for (FineTuningJob job : llm.fineTuning().list(request).data()) {
        println(
            job.id()
                + "\t"
                + job.status().value()
                + "\t"
                + job.model()
                + "\t"
                + job.fineTunedModel().orElse("-"));
      }
      return 0;
    }
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description = "Prints a job's events, oldest first.")
  int events(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB_ID") String id) {
    try (LlmClient llm = client.openClient()) {
      llm
          .fineTuning()
          .listAllEventsAsync(id, ListRequest.defaults())
          .toList()
          .blockingGet()
          .stream()
          .sorted(java.util.Comparator.comparing(FineTuningJobEvent::createdAt))
          .forEach(event -> println(format(event)));
      return 0;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a job.")
  int cancel(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB_ID") String id) {
    try (LlmClient llm = client.openClient()) {
      FineTuningJob job = llm.fineTuning().cancel(id);
      println(job.id() + "\t" + job.status().value());
      return 0;
    }
  }

  @Command(
      name = "wait",
      mixinStandardHelpOptions = true,
      description = {
        "Follows a job until it ends, printing its events on stderr.",
        "Prints the fine-tuned model on success; exits 1 if the job failed or was cancelled."
      })
  int await(
      @Mixin ClientOptions client,
      @Option(
              names = "--timeout",
              paramLabel = "DURATION",
              defaultValue = "PT2H",
              description = "Give up after this long (ISO-8601, e.g. PT30M). Default PT2H.")
          Duration timeout,
      @Option(
              names = "--poll",
              paramLabel = "DURATION",
              defaultValue = "PT5S",
              description = "First poll interval; it grows up to 1 minute. Default PT5S.")
          Duration poll,
      @Parameters(paramLabel = "JOB_ID") String id) {
    AwaitOptions options =
        AwaitOptions.builder()
            .timeout(timeout)
            .initialInterval(poll)
            .maxInterval(poll.compareTo(Duration.ofMinutes(1)) > 0 ? poll : Duration.ofMinutes(1))
            .build();
    try (LlmClient llm = client.openClient()) {
      return follow(llm, id, options);
    }
  }

  /**
   * Prints the job's events on stderr (step events as a progress line: step, loss, tokens/s, ETA)
   * until it ends; then the fine-tuned model on stdout, or exit code 1.
   */
  private int follow(LlmClient llm, String id, AwaitOptions options) {
    PrintWriter err = spec.commandLine().getErr();
    JobUpdate last =
        llm.fineTuning()
            .awaitCompletionAsync(id, options)
            .doOnNext(
                update -> {
                  update.event().ifPresent(event -> err.println(progress(event)));
                  update
                      .job()
                      .ifPresent(
                          job ->
                              err.println(
                                  "status: "
                                      + job.status().value()
                                      + job.estimatedFinish()
                                          .map(
                                              t ->
                                                  ", ETA "
                                                      + Duration.between(java.time.Instant.now(), t)
                                                          .withNanos(0)
                                                          .toString()
                                                          .substring(2)
                                                          .toLowerCase(java.util.Locale.ROOT))
                                          .orElse("")));
                  err.flush();
                })
            .filter(JobUpdate::isJob)
            .blockingLast();
    FineTuningJob job = last.job().orElseThrow();
    if (!job.status().equals(JobStatus.SUCCEEDED)) {
      err.println(
          "llmkit: job "
              + job.id()
              + " ended "
              + job.status().value()
              + job.error().map(e -> ": " + e.code() + ": " + e.message()).orElse(""));
      err.flush();
      return ErrorHandler.API_ERROR;
    }
    println(job.fineTunedModel().orElse(job.id()));
    return 0;
  }

  /** A step event as "step 10/300 loss 1.2345 850.0 tok/s"; other events as {@link #format}. */
  private static String progress(FineTuningJobEvent event) {
    java.util.Map<String, Object> d = event.data();
    if (!"metrics".equals(event.type().orElse(null))
        || !(d.get("step") instanceof Number)
        || !(d.get("train_loss") instanceof Number trainLoss)) {
      return format(event);
    }
    return String.format(
        java.util.Locale.ROOT,
        "step %s/%s  loss %.4f%s%s",
        d.get("step"),
        d.get("total_steps"),
        trainLoss.doubleValue(),
        d.get("valid_loss") instanceof Number
            ? String.format(
                java.util.Locale.ROOT, "  valid %.4f", ((Number) d.get("valid_loss")).doubleValue())
            : "",
        d.get("tokens_per_second") instanceof Number
            ? "  " + d.get("tokens_per_second") + " tok/s"
            : "");
  }

  private void describe(FineTuningJob job) {
    println("id: " + job.id());
    println("status: " + job.status().value());
    println("model: " + job.model());
    job.fineTunedModel().ifPresent(m -> println("fine_tuned_model: " + m));
    println("training_file: " + job.trainingFile());
    job.trainedTokens().ifPresent(t -> println("trained_tokens: " + t));
    println("created: " + job.createdAt());
    job.finishedAt().ifPresent(at -> println("finished: " + at));
    job.error().ifPresent(e -> println("error: " + e.code() + ": " + e.message()));
  }

  private static String format(FineTuningJobEvent event) {
    return event.createdAt() + " [" + event.level().value() + "] " + event.message();
  }

  private void println(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }
}
