package dev.llmkit.local.internal.model;

import org.jspecify.annotations.Nullable;

/**
 * Rotary position embedding with one frequency table per kind of layer: {@link
 * ModelOptions#GLOBAL_ROPE} (base {@code rope.freq_base}, linear scaling and frequency factors:
 * Llama 3's {@code rope_freqs}, or LongRoPE's long/short factors chosen by the context length) and
 * {@link ModelOptions#SLIDING_ROPE} (base {@code rope.freq_base_swa}, used by sliding-window layers
 * only). cos and sin are computed once per batch position and table, then applied per head.
 */
final class Rope {
  private final int keyLength;
  private final int pairs;
  private final boolean neox;
  private final float attentionFactor;

  /** [table][pair]: inverse frequency including scaling and factors. */
  private final double[][] inverseFrequencies;

  /** Tables some layer uses; the others are never filled. */
  private final boolean[] used;

  Rope(LlamaConfig c, LlamaWeights w) {
    ModelOptions o = c.options();
    this.keyLength = c.keyLength();
    this.pairs = c.ropeDimensionCount() / 2;
    this.neox = c.ropeNeox();
    this.attentionFactor = o.ropeAttentionFactor;
    float[] factors = w.ropeFreqFactors;
    if (factors == null) {
      factors =
          c.contextLength() > o.originalContextLength && w.ropeFactorsLong != null
              ? w.ropeFactorsLong
              : w.ropeFactorsShort;
    }
    this.inverseFrequencies =
        new double[][] {
          frequencies(c.ropeFreqBase(), c.ropeFreqScale(), factors, c.ropeDimensionCount()),
          frequencies(o.slidingRopeBase, 1f, null, c.ropeDimensionCount())
        };
    this.used = new boolean[2];
    for (int table : o.ropeTable) {
      used[table] = true;
    }
  }

  private static double[] frequencies(
      float base, float scale, float @Nullable [] factors, int ropeDim) {
    double[] f = new double[ropeDim / 2];
    for (int i = 0; i < f.length; i++) {
      double v = Math.pow(base, -2.0 * i / ropeDim);
      if (factors != null) {
        v /= factors[i];
      }
      f[i] = v * scale;
    }
    return f;
  }

  /** Fills the state's cos/sin of positions {@code pos0 .. pos0 + n - 1} for the tables in use. */
  void tables(LlamaState s, int n, int pos0) {
    for (int table = 0; table < used.length; table++) {
      if (!used[table]) {
        continue;
      }
      double[] inv = inverseFrequencies[table];
      float[] cos = s.cos[table];
      float[] sin = s.sin[table];
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < pairs; i++) {
          double angle = (pos0 + b) * inv[i];
          cos[b * pairs + i] = (float) Math.cos(angle) * attentionFactor;
          sin[b * pairs + i] = (float) Math.sin(angle) * attentionFactor;
        }
      }
    }
  }

  /** Fills row b's cos/sin with position {@code positions[b]}, for {@code b < n}. */
  void tablesAt(LlamaState s, int[] positions, int n) {
    for (int table = 0; table < used.length; table++) {
      if (!used[table]) {
        continue;
      }
      double[] inv = inverseFrequencies[table];
      float[] cos = s.cos[table];
      float[] sin = s.sin[table];
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < pairs; i++) {
          double angle = positions[b] * inv[i];
          cos[b * pairs + i] = (float) Math.cos(angle) * attentionFactor;
          sin[b * pairs + i] = (float) Math.sin(angle) * attentionFactor;
        }
      }
    }
  }

  /** Rotates the first ropeDim elements of each head of each batch row with table {@code table}. */
  void rotate(LlamaState s, int table, float[] v, int n, int heads) {
    float[] cosTable = s.cos[table];
    float[] sinTable = s.sin[table];
    int step = neox ? 1 : 2;
    int other = neox ? pairs : 1;
    for (int b = 0; b < n; b++) {
      for (int h = 0; h < heads; h++) {
        int base = (b * heads + h) * keyLength;
        for (int i = 0; i < pairs; i++) {
          int i0 = base + i * step;
          int i1 = i0 + other;
          float cos = cosTable[b * pairs + i];
          float sin = sinTable[b * pairs + i];
          float x0 = v[i0];
          float x1 = v[i1];
          v[i0] = x0 * cos - x1 * sin;
          v[i1] = x0 * sin + x1 * cos;
        }
      }
    }
  }
}
