package dev.llmkit.local.internal.training;

import static dev.llmkit.local.internal.model.LayerAdapter.DOWN;
import static dev.llmkit.local.internal.model.LayerAdapter.GATE;
import static dev.llmkit.local.internal.model.LayerAdapter.K;
import static dev.llmkit.local.internal.model.LayerAdapter.O;
import static dev.llmkit.local.internal.model.LayerAdapter.Q;
import static dev.llmkit.local.internal.model.LayerAdapter.UP;
import static dev.llmkit.local.internal.model.LayerAdapter.V;

import dev.llmkit.local.internal.model.LlamaConfig;
import dev.llmkit.local.internal.model.TrainingView;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Forward and backward of one transformer layer with LoRA on its projections, over {@link Acts}
 * scratch: RMSNorm → q/k/v (+ biases, per-head norms) → RoPE → causal grouped-query attention →
 * output projection → residual → RMSNorm → SwiGLU → residual. The backward pass first recomputes
 * the layer's activations from its saved input (gradient checkpointing per layer), then propagates
 * the output gradient to the input and adds the LoRA gradients to {@code grads}.
 */
final class LayerPass {
  private final TrainingView view;
  private final LlamaConfig c;
  private final LoraAdapter adapter;
  private final Ops ops;
  private final Acts s;
  private final @Nullable Dropout dropout;

  LayerPass(TrainingView view, LoraAdapter adapter, Ops ops, Acts s, @Nullable Dropout dropout) {
    this.view = view;
    this.c = view.config();
    this.adapter = adapter;
    this.ops = ops;
    this.s = s;
    this.dropout = dropout;
  }

  /** Fills the RoPE tables for positions 0..n-1. */
  void ropeTables(double[] inverseFrequencies, int n) {
    int pairs = inverseFrequencies.length;
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < pairs; i++) {
        double angle = t * inverseFrequencies[i];
        s.cos[t * pairs + i] = (float) Math.cos(angle);
        s.sin[t * pairs + i] = (float) Math.sin(angle);
      }
    }
  }

  /** Layer {@code l} on {@code n} rows of {@code x0}; writes the layer output to {@code out}. */
  void forward(int l, float[] x0, int n, float[] out) {
    int d = c.embeddingLength();
    float eps = c.rmsNormEps();
    Ops.rmsNorm(x0, 0, view.attentionNorm(l), d, n, eps, s.xn1, 0, s.r1, 0);
    project(l, Q, s.xn1, n, s.qPre);
    project(l, K, s.xn1, n, s.kPre);
    project(l, V, s.xn1, n, s.v);
    addBias(view.bias(l, Q), s.qPre, n);
    addBias(view.bias(l, K), s.kPre, n);
    addBias(view.bias(l, V), s.v, n);
    headNorm(view.headNorm(l, false), s.qPre, s.q, s.qScale, n * c.headCount());
    headNorm(view.headNorm(l, true), s.kPre, s.k, s.kScale, n * c.headCountKv());
    rope(s.q, n, c.headCount(), false);
    rope(s.k, n, c.headCountKv(), false);
    attention(n);
    project(l, O, s.ao, n, s.x1);
    for (int i = 0; i < n * d; i++) {
      s.x1[i] += x0[i];
    }
    Ops.rmsNorm(s.x1, 0, view.ffnNorm(l), d, n, eps, s.xn2, 0, s.r2, 0);
    project(l, GATE, s.xn2, n, s.g);
    project(l, UP, s.xn2, n, s.u);
    int nf = n * c.feedForwardLength();
    for (int i = 0; i < nf; i++) {
      float g = s.g[i];
      s.h[i] = g / (1f + (float) Math.exp(-g)) * s.u[i];
    }
    project(l, DOWN, s.h, n, out);
    for (int i = 0; i < n * d; i++) {
      out[i] += s.x1[i];
    }
  }

  /**
   * Recomputes layer {@code l} from its input {@code x0}, then turns {@code dx} (gradient of the
   * layer output, n × dim) into the gradient of its input, in place, adding LoRA gradients to
   * {@code grads}. With {@code inputGrad} false (the first layer) only the LoRA gradients are
   * computed and {@code dx} is left undefined.
   */
  void backward(int l, float[] x0, int n, float[] dx, LoraAdapter grads, boolean inputGrad) {
    forward(l, x0, n, s.dxn);
    int d = c.embeddingLength();
    int nf = n * c.feedForwardLength();
    // down projection: dx is the gradient of x2 and, through the residual, of x1
    Arrays.fill(s.dh, 0, nf, 0f);
    ops.matTMatAdd(view.matrix(l, DOWN), dx, n, s.dh);
    loraBack(l, DOWN, s.h, dx, n, s.dh, grads);
    for (int i = 0; i < nf; i++) {
      float g = s.g[i];
      float sig = 1f / (1f + (float) Math.exp(-g));
      float dh = s.dh[i];
      s.du[i] = dh * g * sig;
      s.dg[i] = dh * s.u[i] * sig * (1f + g * (1f - sig));
    }
    Arrays.fill(s.dxn, 0, n * d, 0f);
    ops.matTMatAdd(view.matrix(l, GATE), s.dg, n, s.dxn);
    loraBack(l, GATE, s.xn2, s.dg, n, s.dxn, grads);
    ops.matTMatAdd(view.matrix(l, UP), s.du, n, s.dxn);
    loraBack(l, UP, s.xn2, s.du, n, s.dxn, grads);
    Ops.rmsNormBack(s.x1, 0, view.ffnNorm(l), d, n, s.r2, 0, s.dxn, 0, dx, 0);
    // attention: dx is now the gradient of x1 and, through the residual, of x0
    int aoLen = n * c.headCount() * c.valueLength();
    Arrays.fill(s.dao, 0, aoLen, 0f);
    ops.matTMatAdd(view.matrix(l, O), dx, n, s.dao);
    loraBack(l, O, s.ao, dx, n, s.dao, grads);
    Arrays.fill(s.dq, 0, n * c.queryDim(), 0f);
    Arrays.fill(s.dk, 0, n * c.keyDim(), 0f);
    Arrays.fill(s.dv, 0, n * c.valueDim(), 0f);
    attentionBack(n);
    rope(s.dq, n, c.headCount(), true);
    rope(s.dk, n, c.headCountKv(), true);
    float[] dqPre =
        headNormBack(view.headNorm(l, false), s.qPre, s.qScale, s.dq, s.dqPre, n * c.headCount());
    float[] dkPre =
        headNormBack(view.headNorm(l, true), s.kPre, s.kScale, s.dk, s.dkPre, n * c.headCountKv());
    float[] dxn = inputGrad ? s.dxn : null;
    if (dxn != null) {
      Arrays.fill(dxn, 0, n * d, 0f);
      ops.matTMatAdd(view.matrix(l, Q), dqPre, n, dxn);
      ops.matTMatAdd(view.matrix(l, K), dkPre, n, dxn);
      ops.matTMatAdd(view.matrix(l, V), s.dv, n, dxn);
    }
    loraBack(l, Q, s.xn1, dqPre, n, dxn, grads);
    loraBack(l, K, s.xn1, dkPre, n, dxn, grads);
    loraBack(l, V, s.xn1, s.dv, n, dxn, grads);
    if (dxn != null) {
      Ops.rmsNormBack(x0, 0, view.attentionNorm(l), d, n, s.r1, 0, dxn, 0, dx, 0);
    }
  }

  /** {@code out = W·in (+ scale·B(A·dropout(in)))}, keeping A·in for the backward pass. */
  private void project(int l, int target, float[] in, int n, float[] out) {
    ops.matMat(view.matrix(l, target), in, n, out);
    float[] a = adapter.a(l, target);
    float[] b = adapter.b(l, target);
    if (a == null || b == null) {
      return;
    }
    int ni = adapter.inDim(target);
    float[] x = in;
    if (dropout != null) {
      dropout.apply(l, target, in, n * ni, s.dropped);
      x = s.dropped;
    }
    ops.loraDown(a, adapter.rank(), ni, x, n, s.lu[target]);
    ops.loraUpAdd(b, adapter.rank(), adapter.outDim(target), adapter.scale(), s.lu[target], n, out);
  }

  /** LoRA gradients of (l, target) for output gradient dy; adds the input gradient to dx. */
  private void loraBack(
      int l, int target, float[] in, float[] dy, int n, float @Nullable [] dx, LoraAdapter grads) {
    float[] a = adapter.a(l, target);
    float[] b = adapter.b(l, target);
    float[] ga = grads.a(l, target);
    float[] gb = grads.b(l, target);
    if (a == null || b == null || ga == null || gb == null) {
      return;
    }
    int ni = adapter.inDim(target);
    int count = n * ni;
    float[] x = in;
    float[] target2 = dx;
    if (dropout != null) {
      dropout.apply(l, target, in, count, s.dropped);
      x = s.dropped;
      if (dx != null) {
        Arrays.fill(s.dDropped, 0, count, 0f);
        target2 = s.dDropped;
      }
    }
    ops.loraBack(
        a,
        b,
        adapter.rank(),
        ni,
        adapter.outDim(target),
        adapter.scale(),
        x,
        s.lu[target],
        dy,
        n,
        ga,
        gb,
        s.dlu,
        target2);
    if (dropout != null && dx != null) {
      for (int i = 0; i < count; i++) {
        dx[i] += s.dDropped[i] * dropout.factor(l, target, i);
      }
    }
  }

  private static void addBias(float @Nullable [] bias, float[] rows, int n) {
    if (bias == null) {
      return;
    }
    for (int r = 0; r < n; r++) {
      int off = r * bias.length;
      for (int i = 0; i < bias.length; i++) {
        rows[off + i] += bias[i];
      }
    }
  }

  /** Per-head RMSNorm of {@code count} heads from {@code pre} to {@code out}, or a copy. */
  private void headNorm(float @Nullable [] w, float[] pre, float[] out, float[] scales, int count) {
    int hd = c.keyLength();
    if (w == null) {
      System.arraycopy(pre, 0, out, 0, count * hd);
      return;
    }
    Ops.rmsNorm(pre, 0, w, hd, count, c.rmsNormEps(), out, 0, scales, 0);
  }

  private float[] headNormBack(
      float @Nullable [] w, float[] pre, float[] scales, float[] dy, float[] dPre, int count) {
    if (w == null) {
      return dy;
    }
    int hd = c.keyLength();
    Arrays.fill(dPre, 0, count * hd, 0f);
    Ops.rmsNormBack(pre, 0, w, hd, count, scales, 0, dy, 0, dPre, 0);
    return dPre;
  }

  /** RoPE of each head of each row in place; {@code inverse} rotates back (the backward pass). */
  private void rope(float[] v, int n, int heads, boolean inverse) {
    int hd = c.keyLength();
    int pairs = c.ropeDimensionCount() / 2;
    boolean neox = c.ropeNeox();
    for (int t = 0; t < n; t++) {
      for (int h = 0; h < heads; h++) {
        int base = (t * heads + h) * hd;
        for (int i = 0; i < pairs; i++) {
          int i0 = neox ? base + i : base + 2 * i;
          int i1 = neox ? base + i + pairs : base + 2 * i + 1;
          float cos = s.cos[t * pairs + i];
          float sin = inverse ? -s.sin[t * pairs + i] : s.sin[t * pairs + i];
          float a = v[i0];
          float b = v[i1];
          v[i0] = a * cos - b * sin;
          v[i1] = a * sin + b * cos;
        }
      }
    }
  }

  /** Causal attention, kv-head groups split over threads; keeps the probabilities. */
  private void attention(int n) {
    int heads = c.headCount();
    int group = heads / c.headCountKv();
    int hd = c.keyLength();
    int vd = c.valueLength();
    int qDim = c.queryDim();
    int kDim = c.keyDim();
    int vDim = c.valueDim();
    float scale = (float) (1.0 / Math.sqrt(hd));
    ops.pool()
        .forRange(
            heads,
            (from, to) -> {
              for (int h = from; h < to; h++) {
                int g = h / group;
                for (int t = 0; t < n; t++) {
                  int p = (h * n + t) * n;
                  float max = Float.NEGATIVE_INFINITY;
                  for (int u = 0; u <= t; u++) {
                    float score = 0;
                    for (int i = 0; i < hd; i++) {
                      score += s.q[t * qDim + h * hd + i] * s.k[u * kDim + g * hd + i];
                    }
                    score *= scale;
                    s.probs[p + u] = score;
                    max = Math.max(max, score);
                  }
                  double sum = 0;
                  for (int u = 0; u <= t; u++) {
                    float e = (float) Math.exp(s.probs[p + u] - max);
                    s.probs[p + u] = e;
                    sum += e;
                  }
                  float inv = (float) (1 / sum);
                  int o = t * heads * vd + h * vd;
                  Arrays.fill(s.ao, o, o + vd, 0f);
                  for (int u = 0; u <= t; u++) {
                    float w = s.probs[p + u] * inv;
                    s.probs[p + u] = w;
                    for (int i = 0; i < vd; i++) {
                      s.ao[o + i] += w * s.v[u * vDim + g * vd + i];
                    }
                  }
                }
              }
            });
  }

  /** Backward of {@link #attention}: adds to dq, dk and dv; one task per kv head. */
  private void attentionBack(int n) {
    int heads = c.headCount();
    int group = heads / c.headCountKv();
    int hd = c.keyLength();
    int vd = c.valueLength();
    int qDim = c.queryDim();
    int kDim = c.keyDim();
    int vDim = c.valueDim();
    float scale = (float) (1.0 / Math.sqrt(hd));
    ops.pool()
        .forRange(
            c.headCountKv(),
            (from, to) -> {
              float[] dp = new float[n];
              for (int g = from; g < to; g++) {
                for (int h = g * group; h < (g + 1) * group; h++) {
                  for (int t = 0; t < n; t++) {
                    int p = (h * n + t) * n;
                    int o = t * heads * vd + h * vd;
                    double sum = 0;
                    for (int u = 0; u <= t; u++) {
                      float dot = 0;
                      float w = s.probs[p + u];
                      for (int i = 0; i < vd; i++) {
                        dot += s.dao[o + i] * s.v[u * vDim + g * vd + i];
                        s.dv[u * vDim + g * vd + i] += w * s.dao[o + i];
                      }
                      dp[u] = dot;
                      sum += w * dot;
                    }
                    for (int u = 0; u <= t; u++) {
                      float ds = s.probs[p + u] * (dp[u] - (float) sum) * scale;
                      if (ds == 0f) {
                        continue;
                      }
                      for (int i = 0; i < hd; i++) {
                        s.dq[t * qDim + h * hd + i] += ds * s.k[u * kDim + g * hd + i];
                        s.dk[u * kDim + g * hd + i] += ds * s.q[t * qDim + h * hd + i];
                      }
                    }
                  }
                }
              }
            });
  }
}
