package dev.llmkit.local.internal.training;

import java.util.List;

/**
 * AdamW (decoupled weight decay, bias-corrected moments) with a learning rate that warms up
 * linearly and then decays linearly or by a cosine to zero, and clipping of the global gradient
 * norm. Updates run in a fixed order, so they are deterministic.
 */
final class AdamW {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPS = 1e-8;

  private final List<float[]> params;
  final float[][] m;
  final float[][] v;
  private final double learningRate;
  private final double weightDecay;
  private final double maxGradNorm;
  private final int warmupSteps;
  private final int totalSteps;
  private final boolean cosine;

  /** Optimizer steps taken. */
  int step;

  AdamW(
      List<float[]> params,
      double learningRate,
      double weightDecay,
      double maxGradNorm,
      int warmupSteps,
      int totalSteps,
      boolean cosine) {
    this.params = params;
    this.m = new float[params.size()][];
    this.v = new float[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      m[i] = new float[params.get(i).length];
      v[i] = new float[params.get(i).length];
    }
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.maxGradNorm = maxGradNorm;
    this.warmupSteps = warmupSteps;
    this.totalSteps = totalSteps;
    this.cosine = cosine;
  }

  /** The learning rate of 0-based step {@code s}. */
  double rate(int s) {
    if (s < warmupSteps) {
      return learningRate * (s + 1) / warmupSteps;
    }
    double progress = (double) (s - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
    progress = Math.min(1, progress);
    return cosine
        ? learningRate * 0.5 * (1 + Math.cos(Math.PI * progress))
        : learningRate * (1 - progress);
  }

  /** Applies one update from {@code grads} (same shapes as the parameters) and zeroes them. */
  double update(List<float[]> grads) {
    double ss = 0;
    for (float[] g : grads) {
      for (float x : g) {
        ss += (double) x * x;
      }
    }
    double norm = Math.sqrt(ss);
    double clip = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1;
    double lr = rate(step);
    step++;
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    for (int i = 0; i < params.size(); i++) {
      float[] p = params.get(i);
      float[] g = grads.get(i);
      float[] mi = m[i];
      float[] vi = v[i];
      for (int j = 0; j < p.length; j++) {
        double gj = g[j] * clip;
        mi[j] = (float) (BETA1 * mi[j] + (1 - BETA1) * gj);
        vi[j] = (float) (BETA2 * vi[j] + (1 - BETA2) * gj * gj);
        double update = (mi[j] / c1) / (Math.sqrt(vi[j] / c2) + EPS) + weightDecay * p[j];
        p[j] = (float) (p[j] - lr * update);
        g[j] = 0f;
      }
    }
    return norm;
  }
}
