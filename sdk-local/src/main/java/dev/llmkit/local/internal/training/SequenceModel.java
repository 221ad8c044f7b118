package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.tensor.FloatTensor;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Loss and LoRA gradients of one token sequence. The forward pass keeps only each layer's input
 * (n × dim per layer); the backward pass recomputes one layer at a time from it. The loss is the
 * cross-entropy of every token whose {@code weights} entry is set, predicted from the positions
 * before it; logits are computed {@value #HEAD_ROWS} positions at a time.
 */
final class SequenceModel {
  static final int HEAD_ROWS = 32;
  private final TrainingView view;
  private final LlamaConfig c;
  private final Ops ops;
  private final Acts s;
  private final LayerPass layers;
  private final @Nullable Dropout dropout;
  private final double[] inverseFrequencies;
  /** Input of each layer and the final output, [(layers + 1)][maxTokens × dim]. */
  private final float[][] checkpoints;
  private final float[] headIn;
  private final float[] headScales;
  private final float[] logits;
  private final float[] dHead;

  SequenceModel(TrainingView view, LoraAdapter adapter, Ops ops, int maxTokens, float dropout) {
    this.view = view;
    this.c = view.config();
    this.ops = ops;
    this.dropout = dropout > 0 ? new Dropout(dropout) : null;
    this.s = new Acts(c, adapter.rank(), maxTokens, this.dropout != null);
    this.layers = new LayerPass(view, adapter, ops, s, this.dropout);
    this.inverseFrequencies = view.ropeInverseFrequencies();
    this.checkpoints = new float[c.blockCount() + 1][maxTokens * c.embeddingLength()];
    this.headIn = new float[HEAD_ROWS * c.embeddingLength()];
    this.headScales = new float[HEAD_ROWS];
    this.logits = new float[HEAD_ROWS * c.vocabularySize()];
    this.dHead = new float[HEAD_ROWS * c.embeddingLength()];
  }

  /** Floats this object allocates for {@code maxTokens} (see {@link MemoryPlan}). */
  static long floats(LlamaConfig c, int rank, int maxTokens, boolean dropout) {
    return Acts.floats(c, rank, maxTokens, dropout)
        + (long) (c.blockCount() + 1) * maxTokens * c.embeddingLength()
        + (long) HEAD_ROWS * (2L * c.embeddingLength() + 1 + c.vocabularySize());
  }

  int maxTokens() {
    return s.maxTokens;
  }

  /**
   * Sum of the token losses of {@code tokens[0..n)}; with {@code grads}, also adds the gradient
   * of {@code gradScale ×} that sum to it.
   *
   * @param weights {@code weights[t]} (t ≥ 1): whether token t counts in the loss
   * @param nonce selects the dropout masks of this sequence
   */
  double run(int[] tokens, boolean[] weights, int n, float gradScale,
      @Nullable LoraAdapter grads, long nonce) {
    if (n < 2 || n > s.maxTokens) {
      throw new IllegalArgumentException("sequence of " + n + " tokens; 2 to " + s.maxTokens
          + " allowed");
    }
    if (dropout != null) { // evaluation (no gradients) runs without dropout
      dropout.select(nonce, grads != null);
    }
    int d = c.embeddingLength();
    FloatTensor embedding = view.tokenEmbedding();
    for (int t = 0; t < n; t++) {
      embedding.dequantizeRow(tokens[t], checkpoints[0], t * d);
    }
    layers.ropeTables(inverseFrequencies, n);
    int layerCount = c.blockCount();
    for (int l = 0; l < layerCount; l++) {
      layers.forward(l, checkpoints[l], n, checkpoints[l + 1]);
    }
    if (grads != null) {
      Arrays.fill(s.dx, 0, n * d, 0f);
    }
    double loss = head(tokens, weights, n, gradScale, grads != null ? s.dx : null);
    if (grads != null) {
      for (int l = layerCount - 1; l >= 0; l--) {
        layers.backward(l, checkpoints[l], n, s.dx, grads, l > 0);
      }
    }
    return loss;
  }

  /** Output norm, logits and cross-entropy; adds the gradient of the final activations to dx. */
  private double head(int[] tokens, boolean[] weights, int n, float gradScale,
      float @Nullable [] dx) {
    int d = c.embeddingLength();
    int vocab = c.vocabularySize();
    float[] x = checkpoints[c.blockCount()];
    int[] rows = new int[HEAD_ROWS];
    double loss = 0;
    int t = 0;
    while (t < n - 1) {
      int m = 0;
      while (t < n - 1 && m < HEAD_ROWS) {
        if (weights[t + 1]) {
          rows[m++] = t;
        }
        t++;
      }
      if (m == 0) {
        continue;
      }
      for (int i = 0; i < m; i++) {
        Ops.rmsNorm(x, rows[i] * d, view.outputNorm(), d, 1, c.rmsNormEps(), headIn, i * d,
            headScales, i);
      }
      ops.matMat(view.output(), headIn, m, logits);
      for (int i = 0; i < m; i++) {
        int off = i * vocab;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
          max = Math.max(max, logits[off + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
          sum += Math.exp(logits[off + v] - max);
        }
        int target = tokens[rows[i] + 1];
        double lse = max + Math.log(sum);
        loss += lse - logits[off + target];
        if (dx != null) {
          for (int v = 0; v < vocab; v++) {
            logits[off + v] = (float) (Math.exp(logits[off + v] - lse) * gradScale);
          }
          logits[off + target] -= gradScale;
        }
      }
      if (dx != null) {
        Arrays.fill(dHead, 0, m * d, 0f);
        ops.matTMatAdd(view.output(), logits, m, dHead);
        for (int i = 0; i < m; i++) {
          Ops.rmsNormBack(x, rows[i] * d, view.outputNorm(), d, 1, headScales, i, dHead, i * d,
              dx, rows[i] * d);
        }
      }
    }
    return loss;
  }
}
