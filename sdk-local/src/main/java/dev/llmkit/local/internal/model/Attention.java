package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import java.util.Arrays;

/**
 * Causal grouped-query attention of a batch's queries over one layer's KV cache, heads split over
 * the pool's threads. The layer's options are read once per call: its sliding window (a query at
 * position p sees keys p − window + 1 … p; 0 = all earlier keys) and the score soft-cap.
 */
final class Attention {
  private final LlamaConfig c;
  private final ComputePool pool;
  private final Kernels kernels;

  Attention(LlamaConfig c, ComputePool pool, Kernels kernels) {
    this.c = c;
    this.pool = pool;
    this.kernels = kernels;
  }

  /** Writes {@code s.attentionOut} for batch rows {@code 0 .. n-1} at positions from {@code pos0}. */
  void run(LlamaState s, int layer, int n, int pos0) {
    ModelOptions o = c.options();
    int heads = c.headCount();
    int group = heads / c.headCountKv();
    int kLen = c.keyLength();
    int vLen = c.valueLength();
    int keyDim = c.keyDim();
    int valueDim = c.valueDim();
    int queryDim = c.queryDim();
    float scale = o.attentionScale;
    float cap = o.attentionSoftCap;
    int window = o.window[layer];
    float[] keys = s.keyCache[layer];
    float[] values = s.valueCache[layer];
    pool.forRange(n * heads, (fromIdx, toIdx) -> {
      float[] scores = new float[pos0 + n];
      for (int idx = fromIdx; idx < toIdx; idx++) {
        int b = idx / heads;
        int h = idx % heads;
        int kvHead = h / group;
        int pos = pos0 + b;
        int start = window > 0 ? Math.max(0, pos - window + 1) : 0;
        int qOff = b * queryDim + h * kLen;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = start; t <= pos; t++) {
          float score = kernels.dot(s.q, qOff, keys, t * keyDim + kvHead * kLen, kLen) * scale;
          scores[t] = score;
          max = Math.max(max, score);
        }
        if (cap > 0) { // tanh is monotonic: the capped maximum is the cap of the maximum
          for (int t = start; t <= pos; t++) {
            scores[t] = cap * (float) Math.tanh(scores[t] / cap);
          }
          max = cap * (float) Math.tanh(max / cap);
        }
        float sum = 0f;
        for (int t = start; t <= pos; t++) {
          float e = (float) Math.exp(scores[t] - max);
          scores[t] = e;
          sum += e;
        }
        int outOff = b * heads * vLen + h * vLen;
        Arrays.fill(s.attentionOut, outOff, outOff + vLen, 0f);
        float inv = 1f / sum;
        for (int t = start; t <= pos; t++) {
          kernels.axpy(scores[t] * inv, values, t * valueDim + kvHead * vLen, s.attentionOut, outOff, vLen);
        }
      }
    });
  }
}
