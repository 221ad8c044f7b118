package dev.llmkit.local.internal.model;

import java.util.Map;

/**
 * A plain double-precision BERT encoder over {@link TinyBert}'s weights, written from the BERT
 * paper's definition with no engine code: the oracle the encoder is compared with. GELU uses erf
 * computed by numerical integration.
 */
final class NaiveBert {
  private final Map<String, float[]> w;
  private final boolean nomic;

  NaiveBert(TinyBert model) {
    this.w = model.weights;
    this.nomic = model.nomic;
  }

  /** Final hidden states, [tokens][DIM]. */
  double[][] hidden(int[] tokens) {
    int n = tokens.length;
    int d = TinyBert.DIM;
    double[][] x = new double[n][d];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < d; i++) {
        x[t][i] =
            w.get("token_embd.weight")[tokens[t] * d + i]
                + (nomic ? 0 : w.get("position_embd.weight")[t * d + i])
                + w.get("token_types.weight")[i];
      }
      x[t] = layerNorm(x[t], "token_embd_norm");
    }
    for (int l = 0; l < TinyBert.LAYERS; l++) {
      String p = "blk." + l + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      int hd = d / TinyBert.HEADS;
      for (int t = 0; t < n; t++) {
        if (nomic) {
          double[] qkv = linear(p + "attn_qkv", x[t]);
          q[t] = java.util.Arrays.copyOfRange(qkv, 0, d);
          k[t] = java.util.Arrays.copyOfRange(qkv, d, 2 * d);
          v[t] = java.util.Arrays.copyOfRange(qkv, 2 * d, 3 * d);
          rotate(q[t], t, hd);
          rotate(k[t], t, hd);
        } else {
          q[t] = linear(p + "attn_q", x[t]);
          k[t] = linear(p + "attn_k", x[t]);
          v[t] = linear(p + "attn_v", x[t]);
        }
      }
      double[][] next = new double[n][];
      for (int t = 0; t < n; t++) {
        double[] ctx = new double[d];
        for (int h = 0; h < TinyBert.HEADS; h++) {
          double[] scores = new double[n];
          double sum = 0;
          for (int s = 0; s < n; s++) {
            double dot = 0;
            for (int i = 0; i < hd; i++) {
              dot += q[t][h * hd + i] * k[s][h * hd + i];
            }
            scores[s] = Math.exp(dot / Math.sqrt(hd));
            sum += scores[s];
          }
          for (int s = 0; s < n; s++) {
            for (int i = 0; i < hd; i++) {
              ctx[h * hd + i] += scores[s] / sum * v[s][h * hd + i];
            }
          }
        }
        double[] attn = linear(p + "attn_output", ctx);
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
          a[i] = x[t][i] + attn[i];
        }
        a = layerNorm(a, p + "attn_output_norm");
        double[] up = linear(p + "ffn_up", a);
        double[] gate = nomic ? linear(p + "ffn_gate", a) : null;
        for (int i = 0; i < up.length; i++) {
          up[i] =
              nomic
                  ? gate[i] / (1 + Math.exp(-gate[i])) * up[i]
                  : up[i] * 0.5 * (1 + erf(up[i] / Math.sqrt(2)));
        }
        double[] down = linear(p + "ffn_down", up);
        for (int i = 0; i < d; i++) {
          down[i] += a[i];
        }
        next[t] = layerNorm(down, p + "layer_output_norm");
      }
      x = next;
    }
    return x;
  }

  /** Rotates each head's pairs (i, i + hd/2) by position · base^(−2i/hd), as GPT-NeoX does. */
  private static void rotate(double[] x, int pos, int hd) {
    for (int h = 0; h < x.length / hd; h++) {
      for (int i = 0; i < hd / 2; i++) {
        double theta = pos / Math.pow(TinyBert.ROPE_BASE, 2.0 * i / hd);
        double a = x[h * hd + i];
        double b = x[h * hd + i + hd / 2];
        x[h * hd + i] = a * Math.cos(theta) - b * Math.sin(theta);
        x[h * hd + i + hd / 2] = a * Math.sin(theta) + b * Math.cos(theta);
      }
    }
  }

  private double[] linear(String name, double[] in) {
    float[] m = w.get(name + ".weight");
    float[] b = w.get(name + ".bias");
    double[] out = new double[m.length / in.length];
    for (int r = 0; r < out.length; r++) {
      double s = b == null ? 0 : b[r];
      for (int c = 0; c < in.length; c++) {
        s += m[r * in.length + c] * in[c];
      }
      out[r] = s;
    }
    return out;
  }

  private double[] layerNorm(double[] x, String name) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / x.length;
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] =
          (x[i] - mean) / Math.sqrt(var + TinyBert.EPS) * w.get(name + ".weight")[i]
              + w.get(name + ".bias")[i];
    }
    return out;
  }

  /** erf(z) = 2/√π ∫₀^z e^(−t²) dt by Simpson's rule with 2000 intervals. */
  static double erf(double z) {
    int n = 2000;
    double h = z / n;
    double sum = 1 + Math.exp(-z * z);
    for (int i = 1; i < n; i++) {
      double t = i * h;
      sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
    }
    return 2 / Math.sqrt(Math.PI) * sum * h / 3;
  }

  /** The normalised embedding for a pooling: 1 mean, 2 cls, and its first {@code dims} values. */
  static float[] embedding(double[][] hidden, int pooling, int dims) {
    double[] pooled = new double[hidden[0].length];
    if (pooling == 2) {
      pooled = hidden[0].clone();
    } else {
      for (double[] row : hidden) {
        for (int i = 0; i < pooled.length; i++) {
          pooled[i] += row[i] / hidden.length;
        }
      }
    }
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      norm += pooled[i] * pooled[i];
    }
    float[] out = new float[dims];
    for (int i = 0; i < dims; i++) {
      out[i] = (float) (pooled[i] / Math.sqrt(norm));
    }
    return out;
  }
}
