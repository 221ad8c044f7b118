package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.FloatTensor;
import org.jspecify.annotations.Nullable;

/**
 * Read-only access to a model's weights for the trainer ({@code internal.training}), which runs its
 * own forward and backward passes over them. Matrices stay in their GGUF type; nothing is copied.
 */
public final class TrainingView {
  private final LlamaConfig config;
  private final LlamaWeights w;

  public TrainingView(LlamaConfig config, LlamaWeights weights) {
    this.config = config;
    this.w = weights;
  }

  public LlamaConfig config() {
    return config;
  }

  public FloatTensor tokenEmbedding() {
    return w.tokenEmbedding;
  }

  public FloatTensor output() {
    return w.output;
  }

  public float[] outputNorm() {
    return w.outputNorm;
  }

  public float[] attentionNorm(int layer) {
    return w.attentionNorm[layer];
  }

  public float[] ffnNorm(int layer) {
    return w.ffnNorm[layer];
  }

  /** The matrix of {@code target} ({@link LayerAdapter#Q} … {@link LayerAdapter#DOWN}). */
  public FloatTensor matrix(int layer, int target) {
    switch (target) {
      case LayerAdapter.Q:
        return w.wq[layer];
      case LayerAdapter.K:
        return w.wk[layer];
      case LayerAdapter.V:
        return w.wv[layer];
      case LayerAdapter.O:
        return w.wo[layer];
      case LayerAdapter.GATE:
        return w.wGate[layer];
      case LayerAdapter.UP:
        return w.wUp[layer];
      case LayerAdapter.DOWN:
        return w.wDown[layer];
      default:
        throw new IllegalArgumentException("no target " + target);
    }
  }

  /** The q, k or v bias of {@code layer} (qwen2), or null. */
  public float @Nullable [] bias(int layer, int target) {
    float[][] b =
        target == LayerAdapter.Q
            ? w.bq
            : target == LayerAdapter.K ? w.bk : target == LayerAdapter.V ? w.bv : null;
    return b == null ? null : b[layer];
  }

  /** Per-head RMSNorm weights of q ({@code key == false}) or k (qwen3), or null. */
  public float @Nullable [] headNorm(int layer, boolean key) {
    float[][] n = key ? w.kNorm : w.qNorm;
    return n == null ? null : n[layer];
  }

  /** RoPE inverse frequencies per rotated pair, including scaling, as the forward pass uses. */
  public double[] ropeInverseFrequencies() {
    int pairs = config.ropeDimensionCount() / 2;
    double[] f = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      double v = Math.pow(config.ropeFreqBase(), -2.0 * i / config.ropeDimensionCount());
      if (w.ropeFreqFactors != null) {
        v /= w.ropeFreqFactors[i];
      }
      f[i] = v * config.ropeFreqScale();
    }
    return f;
  }
}
