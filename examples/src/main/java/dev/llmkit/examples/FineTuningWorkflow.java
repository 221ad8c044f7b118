package dev.llmkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.training.TrainingData;
import dev.llmkit.training.TrainingFormat;
import dev.llmkit.training.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fine-tuning end to end, with the same code on every provider: a prompt/completion JSONL is
 * converted to chat format and validated locally, uploaded, trained, followed, and the new model
 * answers the first prompt in {@code chat()}.
 *
 * <p>By default it runs <b>locally</b>: LoRA training inside the JVM on the shared stories260K
 * model ({@code $LLMKIT_SHARED_MODELS} or {@code ../shared/models}) when it is there and no {@code
 * -Dllmkit.local.model} is given, with a bundled 24-line data set; it takes well under a minute.
 * {@code -Dllmkit.provider=openai} (with {@code OPENAI_API_KEY}) runs the same workflow on OpenAI's
 * {@code gpt-4o-mini-2024-07-18}, where a job takes minutes to hours. Run: {@code mvn -q -pl
 * examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.FineTuningWorkflow
 * [-Dexec.args=train.jsonl]}
 */
public final class FineTuningWorkflow {
  /** The base model on OpenAI; the local provider trains its loaded model. */
  static final String OPENAI_BASE = "gpt-4o-mini-2024-07-18";

  private FineTuningWorkflow() {}

  public static void main(String[] args) throws IOException {
    useSharedStoriesByDefault();
    Path file = args.length > 0 ? Path.of(args[0]) : bundledData();
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, file, AwaitOptions.builder().timeout(Duration.ofHours(24)).build());
    }
  }

  /** Runs the workflow on {@code trainingFile}; returns the fine-tuned model's first reply. */
  static String run(LlmClient llm, PrintStream out, Path trainingFile, AwaitOptions polling) {
    Path chatFile = trainingFile;
    ValidationReport report = TrainingData.validate(trainingFile);
    if (report.format().orElse(null) == TrainingFormat.PROMPT_COMPLETION) {
      chatFile = trainingFile.resolveSibling(trainingFile.getFileName() + ".chat.jsonl");
      long n = TrainingData.convertPromptCompletionToChat(trainingFile, chatFile);
      out.println("converted " + n + " prompt/completion examples to chat format: " + chatFile);
      report = TrainingData.validate(chatFile);
    }
    report.issues().forEach(issue -> out.println("  " + issue));
    if (!report.isValid()) { // no upload if broken
      throw new IllegalArgumentException(trainingFile + " has " + report.errorCount() + " errors");
    }
    out.println(report.examples() + " examples, ~" + report.totalTokens() + " tokens");

    String fileId = llm.files().upload(FileUpload.of(chatFile, FilePurpose.FINE_TUNE)).id();
    boolean local = llm.provider().equals("local");
    CreateFineTuningJobRequest.Builder request =
        CreateFineTuningJobRequest.builder()
            .model(local ? "local" : OPENAI_BASE)
            .trainingFile(fileId)
            .suffix("llmkit-example");
    if (local) { // a tiny model and 24 examples need more epochs and a higher rate than "auto"
      request
          .seed(42L)
          .method(
              FineTuneMethod.supervised(
                  Hyperparameters.builder()
                      .nEpochs(25)
                      .batchSize(1)
                      .learningRateMultiplier(20)
                      .build()))
          // stories260K never learned its end token: adapt the output head too, so it stops
          .putExtraBody(
              "target_modules", List.of("q", "k", "v", "o", "gate", "up", "down", "output"));
    }
    FineTuningJob job = llm.fineTuning().create(request.build());
    out.println("job " + job.id() + " created from " + fileId);

    FineTuningJob last =
        llm.fineTuning()
            .awaitCompletionAsync(job.id(), polling)
            .doOnNext(update -> update.event().ifPresent(e -> out.println("  " + e.message())))
            .filter(JobUpdate::isJob)
            .map(update -> update.job().orElseThrow())
            .blockingLast(); // the terminal snapshot
    if (!last.status().equals(JobStatus.SUCCEEDED)) {
      throw new IllegalStateException("job " + last.status().value() + ": " + last.error());
    }

    String model = last.fineTunedModel().orElseThrow();
    String question = firstUserMessage(chatFile);
    String reply =
        llm.chat()
            .chat(
                ChatRequest.builder()
                    .model(model)
                    .addUserMessage(question)
                    .temperature(0.0)
                    .maxTokens(32)
                    .build())
            .text();
    out.println(model + ": " + question + " ->" + (reply.startsWith(" ") ? "" : " ") + reply);
    return reply;
  }

  /** The first user message of a chat JSONL file: what the example asks the tuned model. */
  static String firstUserMessage(Path chatFile) {
    try {
      String line =
          Files.readAllLines(chatFile).stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
      for (JsonNode message : new ObjectMapper().readTree(line).path("messages")) {
        if (message.path("role").asText().equals("user")) {
          return message.path("content").asText();
        }
      }
      throw new IllegalArgumentException(chatFile + " starts with no user message");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains stories260K from the shared test models unless a model was configured. */
  private static void useSharedStoriesByDefault() {
    if (System.getProperty("llmkit.local.model") != null
        || System.getenv("LLMKIT_LOCAL_MODEL") != null) {
      return;
    }
    String shared = System.getenv("LLMKIT_SHARED_MODELS");
    for (String root : new String[] {shared, "../shared/models", "../../shared/models"}) {
      Path stories = root == null ? null : Path.of(root, "stories260K", "stories260K.gguf");
      if (stories != null && Files.isRegularFile(stories)) {
        System.setProperty("llmkit.local.model", stories.toAbsolutePath().toString());
        return;
      }
    }
  }

  /** The bundled sample data set, copied to a temporary file. */
  private static Path bundledData() throws IOException {
    Path file = Files.createTempFile("llmkit-stories", ".jsonl");
    try (InputStream in =
        FineTuningWorkflow.class.getResourceAsStream("/fine-tuning/stories.jsonl")) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
