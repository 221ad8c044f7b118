package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;

/**
 * Scratch of one training sequence of up to {@code maxTokens} positions: the activations of the one
 * layer being recomputed and their gradients. Sized once per job; see {@link MemoryPlan} for the
 * bytes.
 */
final class Acts {
  final int maxTokens;
  final float[] xn1;
  final float[] r1;
  final float[] qPre;
  final float[] kPre;
  final float[] qScale;
  final float[] kScale;
  final float[] q;
  final float[] k;
  final float[] v;

  /** Attention probabilities [heads × T × T] (row t holds positions 0..t). */
  final float[] probs;

  final float[] ao;
  final float[] x1;
  final float[] r2;
  final float[] xn2;
  final float[] g;
  final float[] u;
  final float[] h;

  /** LoRA down-projections per target, [T × rank]. */
  final float[][] lu;

  /** Inputs after LoRA dropout, per input width class, [T × max in]. */
  final float[] dropped;

  // gradients
  final float[] dx;
  final float[] dxn;
  final float[] dq;

  /** Gradients before the per-head q/k norms (qwen3). */
  final float[] dqPre;

  final float[] dkPre;
  final float[] dk;
  final float[] dv;
  final float[] dao;
  final float[] dh;
  final float[] dg;
  final float[] du;
  final float[] dlu;
  final float[] dDropped;

  /** RoPE cos/sin per position and pair. */
  final float[] cos;

  final float[] sin;

  Acts(LlamaConfig c, int rank, int maxTokens, boolean dropout) {
    int t = maxTokens;
    int d = c.embeddingLength();
    int f = c.feedForwardLength();
    int aoDim = c.headCount() * c.valueLength();
    int widest = Math.max(Math.max(d, f), aoDim);
    this.maxTokens = t;
    xn1 = new float[t * d];
    r1 = new float[t];
    qPre = new float[t * c.queryDim()];
    kPre = new float[t * c.keyDim()];
    qScale = new float[t * c.headCount()];
    kScale = new float[t * c.headCountKv()];
    q = new float[t * c.queryDim()];
    k = new float[t * c.keyDim()];
    v = new float[t * c.valueDim()];
    probs = new float[c.headCount() * t * t];
    ao = new float[t * aoDim];
    x1 = new float[t * d];
    r2 = new float[t];
    xn2 = new float[t * d];
    g = new float[t * f];
    u = new float[t * f];
    h = new float[t * f];
    lu = new float[LayerAdapter.TARGET_TENSORS.length][t * rank];
    dropped = dropout ? new float[t * widest] : new float[0];
    dDropped = dropout ? new float[t * widest] : new float[0];
    dx = new float[t * d];
    dxn = new float[t * Math.max(d, aoDim)];
    dq = new float[t * c.queryDim()];
    dqPre = new float[t * c.queryDim()];
    dkPre = new float[t * c.keyDim()];
    dk = new float[t * c.keyDim()];
    dv = new float[t * c.valueDim()];
    dao = new float[t * aoDim];
    dh = new float[t * f];
    dg = new float[t * f];
    du = new float[t * f];
    dlu = new float[t * rank];
    cos = new float[t * (c.ropeDimensionCount() / 2)];
    sin = new float[t * (c.ropeDimensionCount() / 2)];
  }

  /** Floats held by scratch for {@code maxTokens} positions (the formula of the constructor). */
  static long floats(LlamaConfig c, int rank, int t, boolean dropout) {
    long d = c.embeddingLength();
    long f = c.feedForwardLength();
    long aoDim = (long) c.headCount() * c.valueLength();
    long widest = Math.max(Math.max(d, f), aoDim);
    long perToken =
        5 * d
            + 2
            + 4L * c.queryDim()
            + 4L * c.keyDim()
            + 2L * c.valueDim()
            + c.headCount()
            + c.headCountKv()
            + 2 * aoDim
            + 6 * f
            + Math.max(d, aoDim)
            + (LayerAdapter.TARGET_TENSORS.length + 1L) * rank
            + (dropout ? 2 * widest : 0)
            + c.ropeDimensionCount();
    return perToken * t + (long) c.headCount() * t * t;
  }
}
