package dev.llmkit.examples;

import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.training.TrainingData;
import dev.llmkit.training.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Fine-tuning end to end: validate the JSONL locally, upload it, start a job, follow it, then
 * chat with the new model. Needs OpenAI; jobs take minutes to hours. Run: {@code mvn -q -pl
 * examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.FineTuningWorkflow
 * -Dllmkit.provider=openai -Dexec.args=train.jsonl}
 */
public final class FineTuningWorkflow {
  private FineTuningWorkflow() {}

  public static void main(String[] args) {
    try (LlmClient llm = Llm.client()) {
      Path file = Path.of(args.length > 0 ? args[0] : "train.jsonl");
      run(llm, System.out, file, AwaitOptions.defaults());
    }
  }

  /** Runs the workflow on {@code trainingFile}; returns the fine-tuned model's first reply. */
  static String run(LlmClient llm, PrintStream out, Path trainingFile, AwaitOptions polling) {
    ValidationReport report = TrainingData.validate(trainingFile);   // no upload if broken
    report.issues().forEach(issue -> out.println("  " + issue));
    if (!report.isValid()) {
      throw new IllegalArgumentException(trainingFile + " has " + report.errorCount() + " errors");
    }
    out.println(report.examples() + " examples, ~" + report.totalTokens() + " tokens");

    String fileId = llm.files().upload(FileUpload.of(trainingFile, FilePurpose.FINE_TUNE)).id();
    FineTuningJob job = llm.fineTuning().create(CreateFineTuningJobRequest.builder()
        .model("gpt-4o-mini-2024-07-18").trainingFile(fileId).suffix("llmkit-example").build());
    out.println("job " + job.id() + " created from " + fileId);

    FineTuningJob last = llm.fineTuning().awaitCompletion(job.id(), polling)
        .doOnNext(update -> update.event().ifPresent(e -> out.println("  " + e.message())))
        .filter(JobUpdate::isJob).map(update -> update.job().orElseThrow())
        .blockingLast();   // the terminal snapshot
    if (!last.status().equals(JobStatus.SUCCEEDED)) {
      throw new IllegalStateException("job " + last.status().value() + ": " + last.error());
    }

    String model = last.fineTunedModel().orElseThrow();
    String reply = llm.chat().chat(
        ChatRequest.builder().model(model).addUserMessage("Hello!").build()).text();
    out.println(model + ": " + reply);
    return reply;
  }
}
