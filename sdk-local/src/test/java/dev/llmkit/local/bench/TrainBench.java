package dev.llmkit.local.bench;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.LlamaWeights;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.training.MemoryPlan;
import dev.llmkit.local.internal.training.Trainer;
import dev.llmkit.local.internal.training.TrainerState;
import dev.llmkit.local.internal.training.TrainingConfig;
import dev.llmkit.local.internal.training.TrainingExample;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * LoRA training throughput: trains {@code --steps} optimizer steps (batch 1) on random sequences of
 * {@code --seq} tokens, all seven projections adapted at {@code --rank}, and prints training
 * tokens/s (after {@code --warmup} steps) and the peak heap of the run.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.llmkit.local.bench.TrainBench \
 *     --model stories260K.gguf [--seq 256] [--rank 8] [--threads 2] [--steps 6] [--warmup 2]
 * </pre>
 */
public final class TrainBench {
  private TrainBench() {}

  public static void main(String[] argv) {
    Args a = new Args(argv);
    Path model = Path.of(a.require("model"));
    int seq = a.intValue("seq", 256);
    int rank = a.intValue("rank", 8);
    int threads = a.intValue("threads", 2);
    int steps = a.intValue("steps", 6);
    int warmup = a.intValue("warmup", 2);
    try (GgufFile file = GgufFile.open(model)) {
      LlamaConfig c = LlamaConfig.from(file);
      Random random = new Random(1);
      List<TrainingExample> data = new ArrayList<>();
      for (int e = 0; e < steps; e++) {
        int[] tokens = new int[seq];
        boolean[] weights = new boolean[seq];
        for (int t = 0; t < seq; t++) {
          tokens[t] = 3 + random.nextInt(c.vocabularySize() - 3);
          weights[t] = t >= seq / 2;
        }
        data.add(new TrainingExample(tokens, weights));
      }
      boolean[] all = {true, true, true, true, true, true, true};
      TrainingConfig config =
          new TrainingConfig(
              rank, 2f * rank, 0f, all, 1, 1, 1e-4, 0, 0, false, 1, 0, seq, threads, 1, 1);
      Trainer trainer =
          new Trainer(new TrainingView(c, LlamaWeights.load(file, c)), config, data, List.of());
      long[] marks = new long[steps + 1];
      marks[0] = System.nanoTime();
      trainer.run(
          null,
          () -> false,
          new Trainer.Listener() {
            @Override
            public void step(int step, int total, double trainLoss, Double validLoss, long tokens) {
              marks[step] = System.nanoTime();
              System.err.printf(
                  Locale.ROOT,
                  "step %d/%d loss %.4f %.1f s%n",
                  step,
                  total,
                  trainLoss,
                  (marks[step] - marks[step - 1]) / 1e9);
            }

            @Override
            public void checkpoint(
                TrainerState state, double trainLoss, Double validLoss, Double fullValidLoss) {}
          });
      double seconds = (marks[steps] - marks[warmup]) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "@@LLMKIT-TRAIN model=%s seq=%d rank=%d threads=%d"
              + " steps=%d tokens_per_s=%.1f peak_heap_mib=%d planned_mib=%d%n",
          model.getFileName(),
          seq,
          rank,
          threads,
          steps - warmup,
          (steps - warmup) * (double) seq / seconds,
          peak >> 20,
          MemoryPlan.bytes(c, rank, all, seq, false) >> 20);
    }
  }
}
