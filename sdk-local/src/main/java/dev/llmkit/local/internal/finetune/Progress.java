package dev.llmkit.local.internal.finetune;

import dev.llmkit.local.internal.training.AdapterFile;
import dev.llmkit.local.internal.training.Trainer;
import dev.llmkit.local.internal.training.TrainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Records a running job's progress: step events with the losses, trained tokens and estimated
 * finish, and a checkpoint (adapter GGUF, optimizer state, metrics and a usable model id) after
 * every epoch.
 */
final class Progress implements Trainer.Listener {
  private final Jobs jobs;
  private final JobStore store;
  private final String id;
  private final String modelId;
  private final String arch;
  private final String baseId;
  private final int totalSteps;
  private final int firstStep;
  private final long started = System.nanoTime();
  private final StringBuilder csv = new StringBuilder("step,train_loss,valid_loss\n");

  Progress(
      Jobs jobs,
      JobStore store,
      String id,
      String modelId,
      String arch,
      String baseId,
      int totalSteps,
      int firstStep) {
    this.jobs = jobs;
    this.store = store;
    this.id = id;
    this.modelId = modelId;
    this.arch = arch;
    this.baseId = baseId;
    this.totalSteps = totalSteps;
    this.firstStep = firstStep;
  }

  String metricsCsv() {
    return csv.toString();
  }

  @Override
  public void step(
      int step, int total, double trainLoss, @Nullable Double validLoss, long trainedTokens) {
    csv.append(step)
        .append(',')
        .append(JobRunner.loss(trainLoss))
        .append(',')
        .append(validLoss == null ? "" : JobRunner.loss(validLoss))
        .append('\n');
    double elapsed = (System.nanoTime() - started) / 1e9;
    int done = Math.max(1, step - firstStep);
    long finish = System.currentTimeMillis() / 1000 + Math.round(elapsed / done * (total - step));
    double tokensPerSecond = elapsed > 0 ? trainedTokens / elapsed : 0;
    jobs.progress(
        id,
        r -> {
          r.trainedTokens = trainedTokens;
          r.estimatedFinish = finish;
          r.event(
              "info",
              "Step "
                  + step
                  + "/"
                  + total
                  + ": training loss="
                  + JobRunner.loss(trainLoss)
                  + (validLoss == null ? "" : ", validation loss=" + JobRunner.loss(validLoss)),
              "metrics",
              JobRunner.map(
                  "step",
                  step,
                  "total_steps",
                  total,
                  "train_loss",
                  trainLoss,
                  "valid_loss",
                  validLoss,
                  "trained_tokens",
                  trainedTokens,
                  "tokens_per_second",
                  Math.round(tokensPerSecond * 10) / 10.0));
        });
  }

  @Override
  public void checkpoint(
      TrainerState state,
      double trainLoss,
      @Nullable Double validLoss,
      @Nullable Double fullValidLoss) {
    if (jobs.isCancelled(id)) {
      throw new CancellationException("job " + id + " was cancelled at step " + state.step());
    }
    Path dir = store.checkpointDir(id, state.step());
    try {
      Files.createDirectories(dir);
      AdapterFile.write(dir.resolve("adapter.gguf"), state.adapter(), arch, baseId);
      state.write(dir.resolve("state.bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint to " + dir, e);
    }
    Map<String, Object> metrics =
        JobRunner.map(
            "step",
            (double) state.step(),
            "train_loss",
            trainLoss,
            "valid_loss",
            validLoss,
            "full_valid_loss",
            fullValidLoss);
    try {
      jobs.progress(id, r -> addCheckpoint(r, state, metrics));
    } catch (CancellationException e) {
      deleteQuietly(dir); // cancelled while it was written: the job never had this checkpoint
      throw e;
    }
  }

  private void addCheckpoint(JobRecord r, TrainerState state, Map<String, Object> metrics) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", "ftckpt-" + id.substring("ftjob-".length()) + "-" + state.step());
    c.put("created_at", System.currentTimeMillis() / 1000);
    c.put("model", modelId + ":ckpt-step-" + state.step());
    c.put("step", state.step());
    c.put("metrics", metrics);
    r.checkpoints.add(c);
    r.trainedTokens = state.trainedTokens();
    r.event(
        "info",
        String.format(
            Locale.ROOT, "Checkpoint created at step %d (epoch %d)", state.step(), state.epochs()),
        "message",
        JobRunner.map("step", state.step(), "checkpoint", c.get("model")));
  }

  /** Removes {@code dir} and what it holds; an unrecorded checkpoint left behind is never read. */
  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a later checkpoint at this step overwrites what stays
    }
  }
}
