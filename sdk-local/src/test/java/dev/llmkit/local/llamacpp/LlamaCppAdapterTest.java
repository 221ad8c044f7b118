package dev.llmkit.local.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.testing.SharedModels;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter GGUF a local fine-tuning job writes runs in llama.cpp (de.kherud:llama, in a child
 * JVM): on stories260K, llama.cpp with the adapter (every projection and the output head) completes
 * the training prompts greedily exactly as llmkit does with the fine-tuned model, stopping at the
 * same end-of-sequence token, while without it both give the base model's different text.
 */
class LlamaCppAdapterTest {
  static final String[][] PAIRS = {
    {"Tom saw a", " big green frog."}, {"Lily ate a", " red apple pie."},
    {"The dog ran to", " the old barn."}, {"Sue found a", " tiny blue key."},
    {"Ben likes to", " fly his kite."}, {"The cat sat on", " a warm hat."},
    {"Mia has a", " pink toy car."}, {"The sun was", " very hot today."},
  };
  static final int PREDICT = 10;

  @TempDir Path dir;

  @Test
  void llamaCppWithTheAdapterGeneratesWhatLlmkitGenerates() throws Exception {
    Path model = SharedModels.resolve("stories260K/stories260K.gguf");
    Path dataDir = dir.resolve("data");
    List<String> prompts = new ArrayList<>();
    StringBuilder jsonl = new StringBuilder();
    for (String[] p : PAIRS) {
      prompts.add(p[0]);
      jsonl
          .append("{\"prompt\": \"")
          .append(p[0])
          .append("\", \"completion\": \"")
          .append(p[1])
          .append("\"}\n");
    }
    List<String> tuned;
    List<String> base;
    Path adapter;
    try (LocalClient llm = LocalClient.builder().model(model).dataDir(dataDir).threads(1).build()) {
      Path data = Files.writeString(dir.resolve("train.jsonl"), jsonl);
      String fileId = llm.files().upload(FileUpload.of(data, FilePurpose.FINE_TUNE)).id();
      String jobId =
          llm.fineTuning()
              .create(
                  CreateFineTuningJobRequest.builder()
                      .model("stories260K")
                      .trainingFile(fileId)
                      .seed(7L)
                      .putExtraBody("threads", 1)
                      .putExtraBody(
                          "target_modules",
                          List.of("q", "k", "v", "o", "gate", "up", "down", "output"))
                      .method(
                          FineTuneMethod.supervised(
                              Hyperparameters.builder()
                                  .nEpochs(12)
                                  .batchSize(1)
                                  .learningRateMultiplier(20)
                                  .build()))
                      .build())
              .id();
      FineTuningJob job =
          llm.fineTuning()
              .awaitCompletionAsync(
                  jobId,
                  AwaitOptions.builder()
                      .initialInterval(Duration.ofMillis(50))
                      .maxInterval(Duration.ofMillis(200))
                      .timeout(Duration.ofSeconds(60))
                      .build())
              .filter(JobUpdate::isJob)
              .map(u -> u.job().orElseThrow())
              .blockingLast();
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      // where the README says the adapter is
      adapter = dataDir.resolve("fine_tuning").resolve(jobId).resolve("adapter.gguf");
      assertThat(adapter).isRegularFile();
      tuned = complete(llm, job.fineTunedModel().orElseThrow(), prompts);
      base = complete(llm, "stories260K", prompts);
    }

    List<String> llamaTuned = llamaCpp(model, adapter, prompts);
    List<String> llamaBase = llamaCpp(model, null, prompts);

    assertThat(llamaBase).isEqualTo(base);
    assertThat(llamaTuned).isEqualTo(tuned);
    for (int i = 0; i < PAIRS.length; i++) {
      assertThat(tuned.get(i)).as(prompts.get(i)).isNotEqualTo(base.get(i));
    }
  }

  private static List<String> complete(LocalClient llm, String model, List<String> prompts) {
    List<String> out = new ArrayList<>();
    for (String p : prompts) {
      out.add(
          llm.completions()
              .complete(
                  CompletionRequest.builder()
                      .model(model)
                      .prompt(p)
                      .maxTokens(PREDICT)
                      .temperature(0.0)
                      .build())
              .text());
    }
    return out;
  }

  /** Greedy completions by llama.cpp in a child JVM with a temp directory of its own. */
  private List<String> llamaCpp(Path model, Path adapter, List<String> prompts) throws Exception {
    String name = adapter == null ? "base" : "tuned";
    Path tmp = Files.createDirectories(dir.resolve("tmp-" + name));
    Path out = dir.resolve(name + ".out");
    Path log = dir.resolve(name + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                classpath(),
                LlamaCppGreedy.class.getName(),
                out.toString(),
                model.toString(),
                adapter == null ? "-" : adapter.toString(),
                Integer.toString(PREDICT)));
    cmd.addAll(prompts);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("llama.cpp did not finish in 60 s; log:\n" + Files.readString(log));
    }
    assertThat(p.exitValue()).as("llama.cpp exit code; log:\n%s", Files.readString(log)).isZero();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      texts.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
    }
    return texts;
  }

  /** This test's classes and the de.kherud:llama jar, found without loading its native code. */
  private static String classpath() throws Exception {
    ClassLoader loader = LlamaCppAdapterTest.class.getClassLoader();
    URL self = LlamaCppGreedy.class.getProtectionDomain().getCodeSource().getLocation();
    URL llama = loader.getResource("de/kherud/llama/LlamaModel.class");
    String jar = llama.toString();
    jar = jar.substring("jar:".length(), jar.indexOf("!/"));
    return Path.of(self.toURI()) + File.pathSeparator + Path.of(new URL(jar).toURI());
  }
}
