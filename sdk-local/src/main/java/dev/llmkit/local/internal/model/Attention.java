package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.AttentionKernels;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;

/**
 * Causal grouped-query attention of a batch's query rows, each over its own sequence's {@link
 * KvCache} at its own position: the rows of a prompt batch (one cache, consecutive positions) and
 * the rows of a {@link DecodeBatch} step (one cache each) go through the same code, so both give
 * the same values bit for bit. Rows × query heads are split over the pool's threads; each query's
 * cost is proportional to the positions it attends to (its span), streamed tile by tile through
 * {@link AttentionKernels}. The layer's options are read once per call: its sliding window (a query
 * at position p sees keys p − window + 1 … p; 0 = all earlier keys) and the score soft-cap.
 */
final class Attention {
  private static final int TILE = AttentionKernels.TILE;

  private final LlamaConfig c;
  private final ComputePool pool;
  private final AttentionKernels kernels;

  Attention(LlamaConfig c, ComputePool pool, Kernels kernels) {
    this.c = c;
    this.pool = pool;
    this.kernels = AttentionKernels.matching(kernels);
  }

  /**
   * Writes {@code s.attentionOut} for batch rows {@code 0 .. n-1} at positions from {@code pos0}.
   */
  void run(LlamaState s, int layer, int n, int pos0) {
    for (int b = 0; b < n; b++) {
      s.rowCaches[b] = s.cache;
      s.rowPositions[b] = pos0 + b;
    }
    run(s.q, s.attentionOut, s.rowCaches, s.rowPositions, layer, n);
  }

  /**
   * Writes {@code out}'s rows {@code 0 .. n-1} ([heads × valueLength] each): row b's query heads
   * ({@code q}, [heads × keyLength] per row) over {@code caches[b]}'s positions up to {@code
   * positions[b]} (whose keys and values must be stored already) in layer {@code layer}.
   */
  void run(float[] q, float[] out, KvCache[] caches, int[] positions, int layer, int n) {
    ModelOptions o = c.options();
    int heads = c.headCount();
    int group = heads / c.headCountKv();
    int kLen = c.keyLength();
    int vLen = c.valueLength();
    int queryDim = c.queryDim();
    float scale = o.attentionScale;
    float cap = o.attentionSoftCap;
    int window = o.window[layer];
    int longest = 0;
    for (int b = 0; b < n; b++) {
      longest = Math.max(longest, positions[b] + 1);
    }
    int scoreLength = KvCache.tiles(longest) * TILE;
    pool.forRange(
        n * heads,
        (fromIdx, toIdx) -> {
          float[] scores = new float[scoreLength];
          for (int idx = fromIdx; idx < toIdx; idx++) {
            int b = idx / heads;
            int h = idx % heads;
            int kvHead = h / group;
            int pos = positions[b];
            int start = window > 0 ? Math.max(0, pos - window + 1) : 0;
            KvCache cache = caches[b];
            int qOff = b * queryDim + h * kLen;
            int fromTile = start / TILE;
            int toTile = pos / TILE + 1;
            if (cache.type == KvCacheType.F32) {
              kernels.scores(
                  cache.keys[layer],
                  cache.keyBase(kvHead),
                  kLen,
                  fromTile,
                  toTile,
                  q,
                  qOff,
                  scale,
                  scores);
            } else {
              kernels.scores(
                  cache.halfKeys[layer],
                  cache.keyBase(kvHead),
                  kLen,
                  fromTile,
                  toTile,
                  q,
                  qOff,
                  scale,
                  scores);
            }
            if (cap > 0) {
              for (int t = start; t <= pos; t++) {
                scores[t] = cap * (float) Math.tanh(scores[t] / cap);
              }
            }
            kernels.softmax(scores, start, pos + 1);
            int outOff = b * heads * vLen + h * vLen;
            if (cache.type == KvCacheType.F32) {
              kernels.weightedSum(
                  cache.values[layer],
                  cache.valueBase(kvHead),
                  vLen,
                  start,
                  pos + 1,
                  scores,
                  out,
                  outOff);
            } else {
              kernels.weightedSum(
                  cache.halfValues[layer],
                  cache.valueBase(kvHead),
                  vLen,
                  start,
                  pos + 1,
                  scores,
                  out,
                  outOff);
            }
          }
        });
  }
}
