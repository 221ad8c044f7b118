package dev.llmkit.local.internal.model;

/**
 * The element-wise steps of the forward pass on rows of floats, shared by the prompt/single-token
 * path ({@link Llama}), the batched decode step ({@link DecodeBatch}) and {@link HiddenStates}: one
 * copy of each, so that a batched step's rows stay bit-identical to a lone request's.
 */
final class RowOps {
  private RowOps() {}

  /** RMSNorm of {@code x[xOff .. xOff+n)} scaled by {@code weight} into {@code out[outOff ..]}. */
  static void rmsNorm(
      float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) x[xOff + i] * x[xOff + i];
    }
    float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
    for (int i = 0; i < n; i++) {
      out[outOff + i] = weight[i] * (scale * x[xOff + i]);
    }
  }

  /** RMSNorm, in place, of each of {@code count} heads of {@code headLength} elements. */
  static void headNorm(float[] v, float[] weight, int count, int headLength, float eps) {
    for (int h = 0; h < count; h++) {
      rmsNorm(v, h * headLength, v, h * headLength, weight, headLength, eps);
    }
  }

  /** Adds {@code bias} to each of the first {@code n} rows (of bias.length) of {@code rows}. */
  static void addRows(float[] rows, float[] bias, int n) {
    for (int b = 0; b < n; b++) {
      int off = b * bias.length;
      for (int i = 0; i < bias.length; i++) {
        rows[off + i] += bias[i];
      }
    }
  }

  /** {@code x[i] += y[i]} for the first {@code n} elements. */
  static void add(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      x[i] += y[i];
    }
  }
}
