package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The training loop: epochs over the examples in an order shuffled from the seed per epoch,
 * gradients accumulated over {@code batchSize} examples (the loss is the mean over the batch's
 * target tokens), then one AdamW step. Same data, seed and thread count give the same adapter
 * bytes. A checkpoint is reported after every epoch (and after the last step); a run resumes from
 * one.
 */
public final class Trainer {
  /** Validation examples whose loss is reported with step events. */
  static final int VALID_SAMPLE = 8;

  /** What the loop reports; called on the training thread. */
  public interface Listener {
    void step(
        int step, int totalSteps, double trainLoss, @Nullable Double validLoss, long trainedTokens);

    void checkpoint(
        TrainerState state,
        double trainLoss,
        @Nullable Double validLoss,
        @Nullable Double fullValidLoss);
  }

  private final TrainingView view;
  private final TrainingConfig config;
  private final List<TrainingExample> train;
  private final List<TrainingExample> valid;

  public Trainer(
      TrainingView view,
      TrainingConfig config,
      List<TrainingExample> train,
      List<TrainingExample> valid) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    this.view = view;
    this.config = config;
    this.train = List.copyOf(train);
    this.valid = List.copyOf(valid);
  }

  public int totalSteps() {
    return config.totalSteps(train.size());
  }

  /** A fresh adapter initialised from the seed. */
  public LoraAdapter newAdapter() {
    LoraAdapter adapter =
        new LoraAdapter(view.config(), config.rank(), config.alpha(), config.targets());
    adapter.initialise(config.seed());
    return adapter;
  }

  /**
   * Trains from {@code resume} (or from scratch) to the end and returns the final state.
   *
   * @throws CancellationException when {@code cancelled} turns true (checked before each example)
   */
  public TrainerState run(
      @Nullable TrainerState resume, BooleanSupplier cancelled, Listener listener) {
    int total = totalSteps();
    int perEpoch = config.stepsPerEpoch(train.size());
    LoraAdapter adapter = resume != null ? resume.adapter() : newAdapter();
    LoraAdapter grads =
        new LoraAdapter(view.config(), config.rank(), config.alpha(), config.targets());
    List<float[]> params = adapter.parameters();
    List<float[]> gradList = grads.parameters();
    int warmup = (int) Math.ceil(config.warmupRatio() * total);
    AdamW optimizer =
        new AdamW(
            params,
            config.learningRate(),
            config.weightDecay(),
            config.maxGradNorm(),
            warmup,
            total,
            config.cosine());
    long trainedTokens = 0;
    int epoch = 0;
    if (resume != null) {
      resume.restore(optimizer);
      trainedTokens = resume.trainedTokens();
      epoch = resume.epochs();
    }
    int maxTokens = 2;
    for (TrainingExample e : train) {
      maxTokens = Math.max(maxTokens, e.tokens().length);
    }
    for (TrainingExample e : valid) {
      maxTokens = Math.max(maxTokens, e.tokens().length);
    }
    try (ComputePool pool = new ComputePool(config.threads())) {
      SequenceModel model =
          new SequenceModel(
              view, adapter, new Ops(pool, Kernels.active()), maxTokens, config.dropout());
      double lastLoss = Double.NaN;
      while (optimizer.step < total) {
        int[] order = order(epoch);
        int firstStep = optimizer.step - epoch * perEpoch;
        double epochLoss = 0;
        int epochSteps = 0;
        for (int b = Math.max(0, firstStep); b < perEpoch && optimizer.step < total; b++) {
          int from = b * config.batchSize();
          int to = Math.min(train.size(), from + config.batchSize());
          int targets = 0;
          for (int i = from; i < to; i++) {
            targets += train.get(order[i]).targetCount();
          }
          double loss = 0;
          for (int i = from; i < to; i++) {
            if (cancelled.getAsBoolean()) {
              throw new CancellationException("training cancelled at step " + optimizer.step);
            }
            TrainingExample e = train.get(order[i]);
            long nonce = config.seed() * 0x632BE59BD9B4E019L + (long) optimizer.step * 4099 + i;
            loss +=
                model.run(
                    e.tokens(),
                    e.weights(),
                    e.tokens().length,
                    1f / Math.max(1, targets),
                    grads,
                    nonce);
            trainedTokens += e.tokens().length;
          }
          optimizer.update(gradList);
          lastLoss = loss / Math.max(1, targets);
          epochLoss += lastLoss;
          epochSteps++;
          int step = optimizer.step;
          if (step % config.evalInterval() == 0 || step == total) {
            Double validLoss =
                valid.isEmpty() ? null : validLoss(model, Math.min(VALID_SAMPLE, valid.size()));
            listener.step(step, total, lastLoss, validLoss, trainedTokens);
          }
        }
        epoch++;
        Double fullValid = valid.isEmpty() ? null : validLoss(model, valid.size());
        Double sampled =
            valid.isEmpty() ? null : validLoss(model, Math.min(VALID_SAMPLE, valid.size()));
        TrainerState state = TrainerState.of(adapter, optimizer, epoch, trainedTokens);
        listener.checkpoint(
            state, epochSteps > 0 ? epochLoss / epochSteps : lastLoss, sampled, fullValid);
      }
      return TrainerState.of(adapter, optimizer, epoch, trainedTokens);
    }
  }

  /** Mean target-token loss of the first {@code count} validation examples. */
  private double validLoss(SequenceModel model, int count) {
    double loss = 0;
    long targets = 0;
    for (int i = 0; i < count; i++) {
      TrainingExample e = valid.get(i);
      loss += model.run(e.tokens(), e.weights(), e.tokens().length, 1f, null, 0);
      targets += e.targetCount();
    }
    return loss / Math.max(1, targets);
  }

  /** The example order of {@code epoch}: a Fisher–Yates shuffle seeded by seed and epoch. */
  int[] order(int epoch) {
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }
}
