package dev.llmkit.local.internal.training;

/**
 * Everything a training run needs besides data and model, already validated and with "auto" values
 * resolved.
 *
 * @param targets which projections get adapters, indexed by {@code LayerAdapter.Q … DOWN}
 * @param maxSteps stop after this many optimizer steps; 0 for no limit beyond the epochs
 * @param contextLength longest sequence in tokens; longer examples are truncated
 * @param evalInterval steps between step events (train loss, and valid loss with validation data)
 */
public record TrainingConfig(
    int rank,
    float alpha,
    float dropout,
    boolean[] targets,
    int epochs,
    int batchSize,
    double learningRate,
    double weightDecay,
    double warmupRatio,
    boolean cosine,
    double maxGradNorm,
    int maxSteps,
    int contextLength,
    int threads,
    long seed,
    int evalInterval) {

  public TrainingConfig {
    targets = targets.clone();
  }

  /** Optimizer steps of a run over {@code examples} examples. */
  public int totalSteps(int examples) {
    int perEpoch = (examples + batchSize - 1) / batchSize;
    long total = (long) perEpoch * epochs;
    if (maxSteps > 0) {
      total = Math.min(total, maxSteps);
    }
    return (int) Math.min(total, Integer.MAX_VALUE);
  }

  /** Optimizer steps per epoch. */
  public int stepsPerEpoch(int examples) {
    return (examples + batchSize - 1) / batchSize;
  }
}
