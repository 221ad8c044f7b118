package dev.llmkit.local.internal.sampling;

import dev.llmkit.local.internal.sampling.SampledToken.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/** Numerics on logit vectors: argmax, log-softmax, top-n. */
public final class Logprobs {
  private Logprobs() {}

  /** Index of the largest value; ties go to the lowest index. */
  public static int argmax(float[] l) {
    int best = 0;
    for (int i = 1; i < l.length; i++) {
      if (l[i] > l[best]) {
        best = i;
      }
    }
    return best;
  }

  /** {@code l[i] - log(sum(exp(l)))}, computed stably in double precision, into a new array. */
  public static float[] logSoftmax(float[] l) {
    return logSoftmax(l, new float[l.length]);
  }

  /** {@link #logSoftmax(float[])} into {@code out} (at least as long as {@code l}); returns it. */
  public static float[] logSoftmax(float[] l, float[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : l) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : l) {
      sum += Math.exp(v - max);
    }
    double logZ = max + Math.log(sum);
    for (int i = 0; i < l.length; i++) {
      out[i] = (float) (l[i] - logZ);
    }
    return out;
  }

  /**
   * The {@code n} largest entries, largest first, ties to the lower id; skips negative infinity.
   */
  public static List<TokenLogprob> top(float[] lp, int n) {
    int count = Math.min(n, lp.length);
    int[] best = new int[count];
    int filled = 0;
    for (int i = 0; i < lp.length; i++) {
      if (lp[i] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      int pos = filled;
      while (pos > 0 && lp[i] > lp[best[pos - 1]]) {
        pos--;
      }
      if (pos >= count) {
        continue;
      }
      int end = Math.min(filled, count - 1);
      System.arraycopy(best, pos, best, pos + 1, end - pos);
      best[pos] = i;
      filled = Math.min(filled + 1, count);
    }
    List<TokenLogprob> out = new ArrayList<>(filled);
    for (int k = 0; k < filled; k++) {
      out.add(new TokenLogprob(best[k], lp[best[k]]));
    }
    return out;
  }
}
