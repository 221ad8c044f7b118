package dev.llmkit.local.internal.tensor;

/**
 * The reference {@link AttentionKernels}: plain loops, float accumulation in position order, and
 * {@link Math#exp}.
 */
final class ScalarAttentionKernels implements AttentionKernels {
  static final ScalarAttentionKernels INSTANCE = new ScalarAttentionKernels();

  private ScalarAttentionKernels() {}

  @Override
  public void scores(
      float[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores) {
    for (int u = fromTile; u < toTile; u++) {
      int tile = base + u * len * TILE;
      for (int lane = 0; lane < TILE; lane++) {
        float sum = 0f;
        for (int i = 0; i < len; i++) {
          sum += q[qOff + i] * keys[tile + i * TILE + lane];
        }
        scores[u * TILE + lane] = sum * scale;
      }
    }
  }

  @Override
  public void scores(
      short[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores) {
    for (int u = fromTile; u < toTile; u++) {
      int tile = base + u * len * TILE;
      for (int lane = 0; lane < TILE; lane++) {
        float sum = 0f;
        for (int i = 0; i < len; i++) {
          sum += q[qOff + i] * Float16.toFloat(keys[tile + i * TILE + lane]);
        }
        scores[u * TILE + lane] = sum * scale;
      }
    }
  }

  @Override
  public void softmax(float[] p, int from, int to) {
    float max = Float.NEGATIVE_INFINITY;
    for (int t = from; t < to; t++) {
      max = Math.max(max, p[t]);
    }
    float sum = 0f;
    for (int t = from; t < to; t++) {
      float e = (float) Math.exp(p[t] - max);
      p[t] = e;
      sum += e;
    }
    float inv = 1f / sum;
    for (int t = from; t < to; t++) {
      p[t] *= inv;
    }
  }

  @Override
  public void weightedSum(
      float[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff) {
    for (int j = 0; j < len; j++) {
      float sum = 0f;
      for (int t = from; t < to; t++) {
        sum += p[t] * values[AttentionKernels.offset(base, len, t, j)];
      }
      out[outOff + j] = sum;
    }
  }

  @Override
  public void weightedSum(
      short[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff) {
    for (int j = 0; j < len; j++) {
      float sum = 0f;
      for (int t = from; t < to; t++) {
        sum += p[t] * Float16.toFloat(values[AttentionKernels.offset(base, len, t, j)]);
      }
      out[outOff + j] = sum;
    }
  }
}
