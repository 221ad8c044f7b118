package dev.llmkit.local.internal.model;

import dev.llmkit.local.testing.TinyModels;
import java.util.Map;

/**
 * A plain, double-precision Llama/Qwen2/Qwen3 forward pass over the test oracle's dequantized
 * weights: no cache, no batching, no engine code. Recomputes the whole sequence on every call.
 */
final class NaiveLlama {
  private final TinyModels.Spec s;
  private final Map<String, float[]> w;

  NaiveLlama(TinyModels.Model model) {
    this.s = model.spec;
    this.w = model.weights;
  }

  /** Logits after feeding all {@code tokens} from position 0. */
  double[] logits(int[] tokens) {
    int n = tokens.length;
    int hd = s.headDim;
    int qDim = s.heads * hd;
    int kvDim = s.kvHeads * hd;
    double[][] x = new double[n][s.dim];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < s.dim; i++) {
        x[t][i] = w.get("token_embd.weight")[tokens[t] * s.dim + i];
      }
    }
    for (int l = 0; l < s.layers; l++) {
      String p = "blk." + l + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int t = 0; t < n; t++) {
        double[] h = rmsNorm(x[t], w.get(p + "attn_norm.weight"));
        q[t] = matVec(p + "attn_q.weight", h, qDim);
        k[t] = matVec(p + "attn_k.weight", h, kvDim);
        v[t] = matVec(p + "attn_v.weight", h, kvDim);
        if (s.qkvBias) {
          add(q[t], w.get(p + "attn_q.bias"));
          add(k[t], w.get(p + "attn_k.bias"));
          add(v[t], w.get(p + "attn_v.bias"));
        }
        for (int head = 0; head < s.heads; head++) {
          if (s.qkNorm) {
            normHead(q[t], head * hd, w.get(p + "attn_q_norm.weight"));
          }
          rotate(q[t], head * hd, t);
        }
        for (int head = 0; head < s.kvHeads; head++) {
          if (s.qkNorm) {
            normHead(k[t], head * hd, w.get(p + "attn_k_norm.weight"));
          }
          rotate(k[t], head * hd, t);
        }
      }
      for (int t = 0; t < n; t++) {
        double[] att = new double[qDim];
        for (int head = 0; head < s.heads; head++) {
          int kvHead = head / (s.heads / s.kvHeads);
          double[] scores = new double[t + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int u = 0; u <= t; u++) {
            double dot = 0;
            for (int i = 0; i < hd; i++) {
              dot += q[t][head * hd + i] * k[u][kvHead * hd + i];
            }
            scores[u] = dot / Math.sqrt(hd);
            max = Math.max(max, scores[u]);
          }
          double sum = 0;
          for (int u = 0; u <= t; u++) {
            scores[u] = Math.exp(scores[u] - max);
            sum += scores[u];
          }
          for (int u = 0; u <= t; u++) {
            for (int i = 0; i < hd; i++) {
              att[head * hd + i] += scores[u] / sum * v[u][kvHead * hd + i];
            }
          }
        }
        add(x[t], matVec(p + "attn_output.weight", att, s.dim));
        double[] h = rmsNorm(x[t], w.get(p + "ffn_norm.weight"));
        double[] gate = matVec(p + "ffn_gate.weight", h, s.ffn);
        double[] up = matVec(p + "ffn_up.weight", h, s.ffn);
        for (int i = 0; i < s.ffn; i++) {
          gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        add(x[t], matVec(p + "ffn_down.weight", gate, s.dim));
      }
    }
    double[] last = rmsNorm(x[n - 1], w.get("output_norm.weight"));
    return matVec(s.tiedOutput ? "token_embd.weight" : "output.weight", last, s.vocab);
  }

  /** out[r] = Σ_c W[r * cols + c] · x[c] (ggml layout: each output row is contiguous). */
  private double[] matVec(String name, double[] x, int rows) {
    float[] m = w.get(name);
    int cols = x.length;
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += m[r * cols + c] * x[c];
      }
      out[r] = sum;
    }
    return out;
  }

  private double[] rmsNorm(double[] x, float[] weight) {
    double ss = 0;
    for (double v : x) {
      ss += v * v;
    }
    double scale = 1 / Math.sqrt(ss / x.length + s.eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * scale * weight[i];
    }
    return out;
  }

  private void normHead(double[] v, int off, float[] weight) {
    double[] head = java.util.Arrays.copyOfRange(v, off, off + s.headDim);
    double[] normed = rmsNorm(head, weight);
    System.arraycopy(normed, 0, v, off, s.headDim);
  }

  /** RoPE: llama rotates adjacent pairs, qwen2/qwen3 (NeoX) pairs half the rotary size apart. */
  private void rotate(double[] v, int off, int pos) {
    int rot = s.ropeDimension();
    boolean neox = !s.architecture.equals("llama");
    float[] factors = w.get("rope_freqs.weight");
    for (int i = 0; i < rot / 2; i++) {
      double freq = Math.pow(s.ropeBase, -2.0 * i / rot);
      if (factors != null) {
        freq /= factors[i];
      }
      double angle = pos * freq;
      int a = neox ? off + i : off + 2 * i;
      int b = neox ? off + i + rot / 2 : off + 2 * i + 1;
      double x0 = v[a];
      double x1 = v[b];
      v[a] = x0 * Math.cos(angle) - x1 * Math.sin(angle);
      v[b] = x0 * Math.sin(angle) + x1 * Math.cos(angle);
    }
  }

  private static void add(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }

  private static void add(double[] x, float[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }
}
