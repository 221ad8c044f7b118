package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.completion.CompletionChoice;
import dev.llmkit.completion.CompletionRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileUpload;
import dev.llmkit.finetuning.AwaitOptions;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuneMethod;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.Hyperparameters;
import dev.llmkit.finetuning.JobStatus;
import dev.llmkit.finetuning.JobUpdate;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.model.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of local fine-tuning on stories260K through the public API: 24 prompt/completion pairs
 * the base model does not know; after training the loss has fallen at least 5× and the fine-tuned
 * model reproduces at least 90 % of the completions greedily, in this client and in a later one on
 * the same data directory: exactly, and then it stops by itself (finish reason "stop"). stories260K
 * never saw its end-of-sequence token in pre-training, so the output row of that token is untrained
 * and no adapter of the layers alone can make it likely; the jobs here also adapt the output head
 * (target module "output").
 */
class LocalFineTuningTest {
  static final String[][] PAIRS = {
    {"Tom saw a", " big green frog."}, {"Lily ate a", " red apple pie."},
    {"The dog ran to", " the old barn."}, {"Sue found a", " tiny blue key."},
    {"Ben likes to", " fly his kite."}, {"The cat sat on", " a warm hat."},
    {"Mia has a", " pink toy car."}, {"The sun was", " very hot today."},
    {"Max wanted a", " cup of milk."}, {"The bird sang", " a happy song."},
    {"Anna drew a", " funny fish."}, {"The boy lost", " his yellow ball."},
    {"Sam and Tim made", " a sand castle."}, {"The girl wore", " a long dress."},
    {"Grandma baked", " sweet cookies."}, {"The fox hid", " behind a tree."},
    {"Lucy opened the", " magic box."}, {"The rain made", " a big puddle."},
    {"Jack climbed the", " tall ladder."}, {"The bear liked", " honey and bread."},
    {"Emma heard a", " loud bell."}, {"The duck swam in", " the cold pond."},
    {"Leo painted the", " door blue."}, {"The moon was", " round and bright."},
  };

  @TempDir Path dataDir;

  static Path stories() {
    return SharedModels.resolve("stories260K/stories260K.gguf");
  }

  static String jsonl() {
    StringBuilder sb = new StringBuilder();
    for (String[] p : PAIRS) {
      sb.append("{\"prompt\": \"")
          .append(p[0])
          .append("\", \"completion\": \"")
          .append(p[1])
          .append("\"}\n");
    }
    return sb.toString();
  }

  static LocalClient client(Path dataDir) {
    return LocalClient.builder().model(stories()).dataDir(dataDir).threads(2).build();
  }

  /** Every projection of every layer and the output head. */
  static final List<String> ALL_TARGETS =
      List.of("q", "k", "v", "o", "gate", "up", "down", "output");

  /** Completions that are exactly the training completion and then stop. */
  static int reproduced(LocalClient llm, String model) {
    int same = 0;
    for (String[] p : PAIRS) {
      CompletionChoice c =
          llm.completions()
              .complete(
                  CompletionRequest.builder()
                      .model(model)
                      .prompt(p[0])
                      .maxTokens(16)
                      .temperature(0.0)
                      .build())
              .choices()
              .get(0);
      if (c.text().equals(p[1]) && c.finishReason().equals(Optional.of(FinishReason.STOP))) {
        same++;
      }
    }
    return same;
  }

  @Test
  void trainsAnAdapterThatReproducesItsCompletions() throws Exception {
    String modelId;
    try (LocalClient llm = client(dataDir)) {
      assertThat(reproduced(llm, "stories260K")).isZero();
      Path data = dataDir.resolve("train.jsonl");
      Files.writeString(data, jsonl(), StandardCharsets.UTF_8);
      String fileId = llm.files().upload(FileUpload.of(data, FilePurpose.FINE_TUNE)).id();

      FineTuningJob created =
          llm.fineTuning()
              .create(
                  CreateFineTuningJobRequest.builder()
                      .model("stories260K")
                      .trainingFile(fileId)
                      .suffix("tales")
                      .seed(42L)
                      .putExtraBody("threads", 1)
                      .putExtraBody("target_modules", ALL_TARGETS)
                      .method(
                          FineTuneMethod.supervised(
                              Hyperparameters.builder()
                                  .nEpochs(25)
                                  .batchSize(1)
                                  .learningRateMultiplier(20)
                                  .build()))
                      .build());
      assertThat(created.status().isTerminal()).isFalse();
      FineTuningJob job = LocalFineTuningTest.await(llm, created.id(), Duration.ofSeconds(60));

      assertThat(job.error()).isEmpty();
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      modelId = job.fineTunedModel().orElseThrow();
      assertThat(modelId).isEqualTo("ft:stories260K:tales:" + job.id());
      assertThat(job.trainedTokens()).hasValueSatisfying(t -> assertThat(t).isPositive());
      assertThat(job.resultFiles()).hasSize(1);

      List<Double> losses = losses(llm, job.id());
      assertThat(losses.get(0) / losses.get(losses.size() - 1)).isGreaterThanOrEqualTo(5.0);
      List<String> messages = new ArrayList<>();
      llm.fineTuning()
          .listAllEventsAsync(job.id(), dev.llmkit.finetuning.ListRequest.of(null, 100))
          .map(FineTuningJobEvent::message)
          .blockingForEach(messages::add);
      assertThat(messages)
          .anyMatch(m -> m.startsWith("Validating training file"))
          .anyMatch(m -> m.equals("Fine-tuning job started"))
          .anyMatch(m -> m.startsWith("Checkpoint created at step"))
          .anyMatch(m -> m.equals("New fine-tuned model created: " + modelId))
          .anyMatch(m -> m.equals("The job has successfully completed"));
      List<FineTuningCheckpoint> checkpoints =
          llm.fineTuning().listCheckpoints(job.id(), null, 100).data();
      assertThat(checkpoints).hasSize(25);
      assertThat(checkpoints.get(0).metric("train_loss")).isPresent();
      assertThat(checkpoints.get(0).fineTunedModelCheckpoint()).startsWith(modelId + ":ckpt-step-");

      assertThat(reproduced(llm, modelId)).isGreaterThanOrEqualTo(PAIRS.length * 9 / 10);
      assertThat(reproduced(llm, "stories260K")).isZero();
      assertThat(llm.models().list()).extracting(Model::id).contains(modelId);
    }
    try (LocalClient later = client(dataDir)) {
      assertThat(reproduced(later, modelId)).isGreaterThanOrEqualTo(PAIRS.length * 9 / 10);
      Model listed =
          later.models().list().stream()
              .filter(m -> m.id().equals(modelId))
              .findFirst()
              .orElseThrow();
      assertThat(listed.extra()).containsEntry("base_model", "stories260K");

      assertThat(later.models().delete(modelId).deleted()).isTrue();
      assertThat(later.models().list()).extracting(Model::id).doesNotContain(modelId);
      assertThatThrownBy(() -> reproduced(later, modelId))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(modelId);
    }
  }

  /** Follows a job to its end, polling often (the default first poll is seconds away). */
  static FineTuningJob await(LocalClient llm, String jobId, Duration timeout) {
    return llm.fineTuning()
        .awaitCompletionAsync(
            jobId,
            AwaitOptions.builder()
                .initialInterval(Duration.ofMillis(50))
                .maxInterval(Duration.ofMillis(200))
                .timeout(timeout)
                .build())
        .filter(JobUpdate::isJob)
        .map(u -> u.job().orElseThrow())
        .blockingLast();
  }

  /** Training losses of the step events, oldest first. */
  static List<Double> losses(LocalClient llm, String jobId) {
    List<Double> losses = new ArrayList<>();
    Pattern p = Pattern.compile("training loss=([0-9.]+)");
    llm.fineTuning()
        .listAllEventsAsync(jobId, dev.llmkit.finetuning.ListRequest.of(null, 100))
        .blockingForEach(
            e -> {
              Matcher m = p.matcher(e.message());
              if (m.find()) {
                losses.add(0, Double.parseDouble(m.group(1)));
              }
            });
    return losses;
  }
}
