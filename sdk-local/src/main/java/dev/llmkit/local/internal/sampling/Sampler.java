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

  /** Whether any token has been generated (presence / frequency penalties have work). */
  private boolean anyGenerated;

  private float[] work = new float[0];
  private float[] logprobs = new float[0];
  private final Candidates candidates = new Candidates();

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
      anyGenerated = true;
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
      if (l == logits) {
        l = copy(logits);
      }
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
      if (logprobs.length != logits.length) {
        logprobs = new float[logits.length];
      }
      float[] lp = Logprobs.logSoftmax(scored(logits), logprobs);
      logprob = lp[id];
      top = Logprobs.top(lp, params.topLogprobs());
    }
    return new SampledToken(id, logprob, top);
  }

  /**
   * Logits after bias and penalties, in a reused buffer; {@code logits} itself (not to be modified)
   * when no bias or penalty applies, which saves a vocabulary-sized copy per token.
   */
  private float[] scored(float[] logits) {
    boolean penalties =
        (params.repeatPenalty() != 1f && recentCount > 0)
            || (anyGenerated && (params.presencePenalty() != 0 || params.frequencyPenalty() != 0));
    if (params.logitBias().isEmpty() && !penalties) {
      return logits;
    }
    float[] l = copy(logits);
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

  /** {@code logits} copied into the reused buffer. */
  private float[] copy(float[] logits) {
    if (work.length != logits.length) {
      work = new float[logits.length];
    }
    System.arraycopy(logits, 0, work, 0, logits.length);
    return work;
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

  /**
   * Greedy: one pass for the argmax. Otherwise the candidates are the best top-k (a bounded heap)
   * or, without top-k, the shortest sorted prefix that top-p and min-p keep ({@link
   * Candidates#selectNucleus}); the vocabulary itself is never sorted.
   */
  private int choose(float[] l) {
    if (params.isGreedy()) {
      return Logprobs.argmax(l);
    }
    Candidates c = candidates;
    if (params.topK() > 0) {
      c.selectTop(l, params.topK());
      if (c.size == 0) {
        return Logprobs.argmax(l);
      }
      c.topP(params.topP());
    } else {
      c.selectNucleus(l, params.topP(), params.minP());
      if (c.size == 0) {
        return Logprobs.argmax(l);
      }
    }
    c.minP(params.minP());
    return c.draw(params.temperature(), random.nextDouble());
  }
}
