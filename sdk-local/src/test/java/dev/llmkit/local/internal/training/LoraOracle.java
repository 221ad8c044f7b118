package dev.llmkit.local.internal.training;

import dev.llmkit.local.testing.TinyModels;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A plain double-precision forward pass of a tiny test model with LoRA on its projections, and the
 * summed cross-entropy of the weighted tokens: the finite-difference oracle of the backward pass.
 * Shares no code with the engine; the adapter is given as double arrays so that it can be perturbed
 * exactly.
 */
final class LoraOracle {
  static final String[] TENSORS = {
    "attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"
  };
  private final TinyModels.Spec s;
  private final Map<String, float[]> w;

  /** [layer][target] → A (rank × in) and B (out × rank), or null. */
  final double[][][] a;

  final double[][][] b;
  final int rank;
  final double scale;

  /** The output head's A (rank × dim) and B (vocab × rank), or null. */
  double @Nullable [] headA;

  double @Nullable [] headB;

  LoraOracle(TinyModels.Model model, double[][][] a, double[][][] b, int rank, double scale) {
    this.s = model.spec;
    this.w = model.weights;
    this.a = a;
    this.b = b;
    this.rank = rank;
    this.scale = scale;
  }

  double loss(int[] tokens, boolean[] weights) {
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
        q[t] = proj(l, 0, h, qDim);
        k[t] = proj(l, 1, h, kvDim);
        v[t] = proj(l, 2, h, kvDim);
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
        add(x[t], proj(l, 3, att, s.dim));
        double[] h = rmsNorm(x[t], w.get(p + "ffn_norm.weight"));
        double[] gate = proj(l, 4, h, s.ffn);
        double[] up = proj(l, 5, h, s.ffn);
        for (int i = 0; i < s.ffn; i++) {
          gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        add(x[t], proj(l, 6, gate, s.dim));
      }
    }
    double loss = 0;
    for (int t = 0; t + 1 < n; t++) {
      if (!weights[t + 1]) {
        continue;
      }
      double[] last = rmsNorm(x[t], w.get("output_norm.weight"));
      double[] logits = matVec(s.tiedOutput ? "token_embd.weight" : "output.weight", last, s.vocab);
      if (headA != null && headB != null) {
        double[] u = new double[rank];
        for (int j = 0; j < rank; j++) {
          for (int i = 0; i < last.length; i++) {
            u[j] += headA[j * last.length + i] * last[i];
          }
        }
        for (int v = 0; v < s.vocab; v++) {
          double sum = 0;
          for (int j = 0; j < rank; j++) {
            sum += headB[v * rank + j] * u[j];
          }
          logits[v] += scale * sum;
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double z : logits) {
        max = Math.max(max, z);
      }
      double sum = 0;
      for (double z : logits) {
        sum += Math.exp(z - max);
      }
      loss += max + Math.log(sum) - logits[tokens[t + 1]];
    }
    return loss;
  }

  /** W·x plus scale·B(A·x) when (layer, target) is adapted. */
  private double[] proj(int layer, int target, double[] x, int rows) {
    double[] out = matVec("blk." + layer + "." + TENSORS[target] + ".weight", x, rows);
    double[] am = a[layer][target];
    double[] bm = b[layer][target];
    if (am != null) {
      double[] u = new double[rank];
      for (int j = 0; j < rank; j++) {
        for (int i = 0; i < x.length; i++) {
          u[j] += am[j * x.length + i] * x[i];
        }
      }
      for (int o = 0; o < rows; o++) {
        double sum = 0;
        for (int j = 0; j < rank; j++) {
          sum += bm[o * rank + j] * u[j];
        }
        out[o] += scale * sum;
      }
    }
    return out;
  }

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
    double r = 1 / Math.sqrt(ss / x.length + s.eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * r * weight[i];
    }
    return out;
  }

  private void normHead(double[] v, int off, float[] weight) {
    double[] normed = rmsNorm(java.util.Arrays.copyOfRange(v, off, off + s.headDim), weight);
    System.arraycopy(normed, 0, v, off, s.headDim);
  }

  private void rotate(double[] v, int off, int pos) {
    int rot = s.ropeDimension();
    boolean neox = !s.architecture.equals("llama");
    for (int i = 0; i < rot / 2; i++) {
      double angle = pos * Math.pow(s.ropeBase, -2.0 * i / rot);
      int i0 = neox ? off + i : off + 2 * i;
      int i1 = neox ? off + i + rot / 2 : off + 2 * i + 1;
      double x0 = v[i0];
      double x1 = v[i1];
      v[i0] = x0 * Math.cos(angle) - x1 * Math.sin(angle);
      v[i1] = x0 * Math.sin(angle) + x1 * Math.cos(angle);
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
