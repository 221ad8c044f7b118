package dev.llmkit.local.internal.sampling;

import dev.llmkit.local.internal.sampling.SampledToken.TokenLogprob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the next token from raw logits. One instance per generated sequence: it remembers the
 * tokens seen so far (for penalties) and owns its random generator. Not thread-safe.
 *
 * <p>The steps, in llama.cpp's default order:
 *
 * <ol>
 *   <li><b>logit bias</b>: {@code logit[id] += bias} (OpenAI {@code logit_bias}).
 *   <li><b>repetition penalty</b> (llama.cpp): each distinct token among the last {@code
 *       repeatLastN} tokens of prompt <em>and</em> output gets {@code logit / penalty} when its
 *       logit is positive and {@code logit * penalty} otherwise.
 *   <li><b>presence / frequency</b> (OpenAI): {@code logit -= count * frequency + (count > 0) *
 *       presence}, where {@code count} counts the token in the <em>generated</em> output only.
 *   <li><b>log-probabilities</b> are the log-softmax of the logits at this point: after bias and
 *       penalties, before a {@link TokenFilter}, truncation and temperature. So they describe the
 *       model's (penalised) distribution and do not depend on temperature or top-k/top-p.
 *   <li>greedy ({@code temperature <= 0}): argmax, ties go to the lowest id. Otherwise
 *       <b>top-k</b>, <b>top-p</b>, <b>min-p</b> on the untempered distribution, then
 *       <b>temperature</b>, then a draw from {@link SplittableRandom} seeded with {@code seed}.
 * </ol>
 *
 * <p>A {@link TokenFilter} is applied lazily, as llama.cpp applies grammars: the token is chosen
 * without it first; only if the filter rejects that token are all rejected tokens removed and the
 * choice made again.
 */
public final class Sampler {
  private final SamplingParams params;
  private final int vocabSize;
  private final SplittableRandom random;
  private final int[] recent;
  private int recentCount;
  private int recentNext;
  private final int[] generatedCounts;
  private float[] work = new float[0];

  public Sampler(SamplingParams params, int vocabSize) {
    if (vocabSize <= 0) {
      throw new IllegalArgumentException("vocabSize is " + vocabSize + "; it must be positive");
    }
    for (Integer id : params.logitBias().keySet()) {
      if (id < 0 || id >= vocabSize) {
        throw new IllegalArgumentException(
            "logit_bias names token " + id + "; the vocabulary has ids 0 to " + (vocabSize - 1));
      }
    }
    this.params = params;
    this.vocabSize = vocabSize;
    this.random = new SplittableRandom(params.seed());
    this.recent = new int[params.repeatLastN()];
    this.generatedCounts = new int[vocabSize];
  }

  /** Records prompt tokens: they count for the repetition penalty, not for presence/frequency. */
  public void acceptPrompt(int[] tokens) {
    for (int t : tokens) {
      remember(t);
    }
  }

  /** Records a generated token. */
  public void accept(int token) {
    remember(token);
    if (token >= 0 && token < vocabSize) {
      generatedCounts[token]++;
    }
  }

  private void remember(int token) {
    if (recent.length == 0) {
      return;
    }
    recent[recentNext] = token;
    recentNext = (recentNext + 1) % recent.length;
    recentCount = Math.min(recentCount + 1, recent.length);
  }

  /** Chooses the next token; {@code logits} is not modified. */
  public SampledToken sample(float[] logits, @Nullable TokenFilter filter) {
    if (logits.length != vocabSize) {
      throw new IllegalArgumentException(
          "logits has " + logits.length + " entries; the vocabulary has " + vocabSize);
    }
    float[] l = scored(logits);
    float logprob = Float.NaN;
    List<TokenLogprob> top = List.of();
    int id = choose(l);
    if (filter != null && !filter.allows(id)) {
      for (int i = 0; i < l.length; i++) {
        if (l[i] != Float.NEGATIVE_INFINITY && !filter.allows(i)) {
          l[i] = Float.NEGATIVE_INFINITY;
        }
      }
      id = choose(l);
      if (l[id] == Float.NEGATIVE_INFINITY) {
        throw new IllegalStateException("the token filter rejects every token");
      }
    }
    if (params.topLogprobs() >= 0) {
      float[] lp = Logprobs.logSoftmax(scored(logits));
      logprob = lp[id];
      top = Logprobs.top(lp, params.topLogprobs());
    }
    return new SampledToken(id, logprob, top);
  }

  /** Logits after bias and penalties, in a reused buffer. */
  private float[] scored(float[] logits) {
    if (work.length != logits.length) {
      work = new float[logits.length];
    }
    float[] l = work;
    System.arraycopy(logits, 0, l, 0, logits.length);
    for (Map.Entry<Integer, Float> e : params.logitBias().entrySet()) {
      l[e.getKey()] += e.getValue();
    }
    applyRepeatPenalty(l);
    if (params.presencePenalty() != 0 || params.frequencyPenalty() != 0) {
      for (int i = 0; i < l.length; i++) {
        int c = generatedCounts[i];
        if (c > 0) {
          l[i] -= c * params.frequencyPenalty() + params.presencePenalty();
        }
      }
    }
    return l;
  }

  private void applyRepeatPenalty(float[] l) {
    float penalty = params.repeatPenalty();
    if (penalty == 1f || recentCount == 0) {
      return;
    }
    int[] distinct = Arrays.copyOf(recent, recentCount);
    Arrays.sort(distinct);
    for (int i = 0; i < distinct.length; i++) {
      int t = distinct[i];
      if ((i > 0 && distinct[i - 1] == t) || t < 0 || t >= l.length) {
        continue;
      }
      l[t] = l[t] <= 0 ? l[t] * penalty : l[t] / penalty;
    }
  }

  private int choose(float[] l) {
    if (params.isGreedy()) {
      return Logprobs.argmax(l);
    }
    Candidates c = Candidates.sorted(l, params.topK());
    if (c.size == 0) {
      return Logprobs.argmax(l);
    }
    c.topK(params.topK());
    c.topP(params.topP());
    c.minP(params.minP());
    return c.draw(params.temperature(), random.nextDouble());
  }

  /** The token ids sorted by logit, most likely first, with truncation steps. */
  static final class Candidates {
    final int[] ids;
    final float[] logits;
    int size;

    private Candidates(int[] ids, float[] logits, int size) {
      this.ids = ids;
      this.logits = logits;
      this.size = size;
    }

    /** Sorts by logit descending, ties by id ascending; drops tokens at negative infinity. */
    static Candidates sorted(float[] l) {
      return sorted(l, 0);
    }

    /**
     * Like {@link #sorted(float[])} but, when {@code 0 < topK < size}, keeps only the best
     * {@code topK}: found by quickselect in linear time, then sorted.
     */
    static Candidates sorted(float[] l, int topK) {
      long[] keys = new long[l.length];
      int n = 0;
      for (int i = 0; i < l.length; i++) {
        if (l[i] != Float.NEGATIVE_INFINITY) {
          keys[n++] = ((long) ~sortable(l[i]) << 32) | i;
        }
      }
      if (topK > 0 && topK < n) {
        select(keys, n, topK);
        n = topK;
      }
      Arrays.sort(keys, 0, n);
      int[] ids = new int[n];
      float[] logits = new float[n];
      for (int k = 0; k < n; k++) {
        ids[k] = (int) keys[k];
        logits[k] = l[ids[k]];
      }
      return new Candidates(ids, logits, n);
    }

    /** Moves the {@code k} smallest of {@code keys[0, n)} to the front, in any order. */
    private static void select(long[] keys, int n, int k) {
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) {
        long pivot = keys[(lo + hi) >>> 1];
        int i = lo;
        int j = hi;
        while (i <= j) {
          while (keys[i] < pivot) {
            i++;
          }
          while (keys[j] > pivot) {
            j--;
          }
          if (i <= j) {
            long t = keys[i];
            keys[i++] = keys[j];
            keys[j--] = t;
          }
        }
        if (k - 1 <= j) {
          hi = j;
        } else if (k - 1 >= i) {
          lo = i;
        } else {
          return;
        }
      }
    }

    /** Maps a float to an int with the same order under signed comparison. */
    private static int sortable(float f) {
      int bits = Float.floatToIntBits(f);
      return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    void topK(int k) {
      if (k > 0 && k < size) {
        size = k;
      }
    }

    /** Keeps the shortest prefix whose probability reaches {@code p}; at least one token. */
    void topP(float p) {
      if (p >= 1f || size <= 1) {
        return;
      }
      double[] probs = softmax(1f);
      double cumulative = 0;
      for (int k = 0; k < size; k++) {
        cumulative += probs[k];
        if (cumulative >= p) {
          size = k + 1;
          return;
        }
      }
    }

    /** Keeps tokens with {@code prob >= minP * maxProb}, i.e. {@code logit >= max + ln(minP)}. */
    void minP(float minP) {
      if (minP <= 0f || size <= 1) {
        return;
      }
      double threshold = logits[0] + Math.log(minP);
      int keep = 1;
      while (keep < size && logits[keep] >= threshold) {
        keep++;
      }
      size = keep;
    }

    /** Draws a token from the softmax of {@code logits / temperature} with {@code u in [0,1)}. */
    int draw(float temperature, double u) {
      double[] probs = softmax(temperature);
      double target = u;
      double cumulative = 0;
      for (int k = 0; k < size; k++) {
        cumulative += probs[k];
        if (target < cumulative) {
          return ids[k];
        }
      }
      return ids[size - 1];
    }

    private double[] softmax(float temperature) {
      double[] probs = new double[size];
      double max = logits[0];
      double sum = 0;
      for (int k = 0; k < size; k++) {
        probs[k] = Math.exp((logits[k] - max) / temperature);
        sum += probs[k];
      }
      for (int k = 0; k < size; k++) {
        probs[k] /= sum;
      }
      return probs;
    }
  }
}
