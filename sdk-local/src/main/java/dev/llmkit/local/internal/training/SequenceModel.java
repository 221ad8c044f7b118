package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.TrainingView;
import dev.llmkit.local.internal.tensor.FloatTensor;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Loss and LoRA gradients of one token sequence. The forward pass keeps only each layer's input (n
 * × dim per layer); the backward pass recomputes one layer at a time from it. The loss is the
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
  private final LoraAdapter adapter;

  /** The head adapter's scale·A·x of each head row, [HEAD_ROWS × rank]. */
  private final float[] headU;

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
    this.adapter = adapter;
    this.headU = new float[HEAD_ROWS * adapter.rank()];
  }

  /** Floats this object allocates for {@code maxTokens} (see {@link MemoryPlan}). */
  static long floats(LlamaConfig c, int rank, int maxTokens, boolean dropout) {
    return Acts.floats(c, rank, maxTokens, dropout)
        + (long) (c.blockCount() + 1) * maxTokens * c.embeddingLength()
        + (long) HEAD_ROWS * (2L * c.embeddingLength() + 1 + c.vocabularySize() + rank);
  }

  int maxTokens() {
    return s.maxTokens;
  }

  /**
   * Sum of the token losses of {@code tokens[0..n)}; with {@code grads}, also adds the gradient of
   * {@code gradScale ×} that sum to it.
   *
   * @param weights {@code weights[t]} (t ≥ 1): whether token t counts in the loss
   * @param nonce selects the dropout masks of this sequence
   */
  double run(
      int[] tokens,
      boolean[] weights,
      int n,
      float gradScale,
      @Nullable LoraAdapter grads,
      long nonce) {
    if (n < 2 || n > s.maxTokens) {
      throw new IllegalArgumentException(
          "sequence of " + n + " tokens; 2 to " + s.maxTokens + " allowed");
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
    double loss = head(tokens, weights, n, gradScale, grads != null ? s.dx : null, grads);
    if (grads != null) {
      for (int l = layerCount - 1; l >= 0; l--) {
        layers.backward(l, checkpoints[l], n, s.dx, grads, l > 0);
      }
    }
    return loss;
  }

  /** Output norm, logits and cross-entropy; adds the gradient of the final activations to dx. */
  private double head(
      int[] tokens,
      boolean[] weights,
      int n,
      float gradScale,
      float @Nullable [] dx,
      @Nullable LoraAdapter grads) {
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
        Ops.rmsNorm(
            x, rows[i] * d, view.outputNorm(), d, 1, c.rmsNormEps(), headIn, i * d, headScales, i);
      }
      ops.matMat(view.output(), headIn, m, logits);
      headLoraForward(m);
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
        headLoraBackward(m, grads);
        for (int i = 0; i < m; i++) {
          Ops.rmsNormBack(
              x,
              rows[i] * d,
              view.outputNorm(),
              d,
              1,
              headScales,
              i,
              dHead,
              i * d,
              dx,
              rows[i] * d);
        }
      }
    }
    return loss;
  }

  /** Adds the output head adapter's scale·B(Ax) to the logits of the {@code m} head rows. */
  private void headLoraForward(int m) {
    float[] am = adapter.headA;
    float[] bm = adapter.headB;
    if (am == null || bm == null) {
      return;
    }
    int d = c.embeddingLength();
    int vocab = c.vocabularySize();
    int r = adapter.rank();
    float[] u = new float[r];
    for (int i = 0; i < m; i++) {
      adapter.project(am, headIn, i * d, d, u);
      System.arraycopy(u, 0, headU, i * r, r);
      int off = i * vocab;
      for (int v = 0; v < vocab; v++) {
        float sum = 0;
        for (int j = 0; j < r; j++) {
          sum += bm[v * r + j] * u[j];
        }
        logits[off + v] += sum;
      }
    }
  }

  /**
   * With the logits' gradients in {@code logits}: adds the head adapter's gradients to {@code
   * grads} and its share of the gradient of the normed inputs to {@code dHead}.
   */
  private void headLoraBackward(int m, @Nullable LoraAdapter grads) {
    float[] am = adapter.headA;
    float[] bm = adapter.headB;
    if (am == null || bm == null || grads == null || grads.headA == null || grads.headB == null) {
      return;
    }
    float[] ga = grads.headA;
    float[] gb = grads.headB;
    int d = c.embeddingLength();
    int vocab = c.vocabularySize();
    int r = adapter.rank();
    float scale = adapter.scale();
    double[] du = new double[r];
    for (int i = 0; i < m; i++) {
      int off = i * vocab;
      java.util.Arrays.fill(du, 0);
      for (int v = 0; v < vocab; v++) {
        float g = logits[off + v];
        if (g == 0f) {
          continue;
        }
        for (int j = 0; j < r; j++) {
          gb[v * r + j] += g * headU[i * r + j];
          du[j] += (double) g * bm[v * r + j];
        }
      }
      for (int j = 0; j < r; j++) {
        float dj = (float) (du[j] * scale);
        for (int k = 0; k < d; k++) {
          ga[j * d + k] += dj * headIn[i * d + k];
          dHead[i * d + k] += am[j * d + k] * dj;
        }
      }
    }
  }
}
