package dev.llmkit.local.internal.sampling;

import java.util.Map;
import java.util.Objects;

/**
 * Settings of one {@link Sampler}. All values are already validated by the caller's request types;
 * this record re-checks only what would make sampling itself ill-defined.
 *
 * @param temperature {@code <= 0} means greedy (argmax, ties to the lowest token id)
 * @param topK keep the {@code k} most likely tokens; {@code <= 0} disables
 * @param topP nucleus: keep the smallest prefix whose probability mass reaches {@code p}; {@code >=
 *     1} disables
 * @param minP keep tokens whose probability is at least {@code minP} times the largest; {@code <=
 *     0} disables
 * @param seed seed of the random generator; the same seed and inputs give the same tokens
 * @param repeatPenalty llama.cpp repetition penalty ({@code 1} disables), applied to every distinct
 *     token among the last {@code repeatLastN} tokens of prompt and output
 * @param repeatLastN window of the repetition penalty; {@code 0} disables it
 * @param presencePenalty OpenAI presence penalty, subtracted once from tokens already generated
 * @param frequencyPenalty OpenAI frequency penalty, subtracted once per earlier generation of the
 *     token
 * @param logitBias added to the logit of the token with that id (OpenAI {@code logit_bias})
 * @param topLogprobs {@code < 0}: no log-probabilities; otherwise the chosen token's
 *     log-probability plus this many alternatives
 */
public record SamplingParams(
    float temperature,
    int topK,
    float topP,
    float minP,
    long seed,
    float repeatPenalty,
    int repeatLastN,
    float presencePenalty,
    float frequencyPenalty,
    Map<Integer, Float> logitBias,
    int topLogprobs) {

  /** llama.cpp's default repetition window. */
  public static final int DEFAULT_REPEAT_LAST_N = 64;

  public SamplingParams {
    logitBias = Map.copyOf(Objects.requireNonNull(logitBias, "logitBias == null"));
    if (Float.isNaN(temperature) || Float.isNaN(topP) || Float.isNaN(minP)) {
      throw new IllegalArgumentException("temperature, topP and minP must be numbers");
    }
    if (!(repeatPenalty > 0)) {
      throw new IllegalArgumentException("repeatPenalty is " + repeatPenalty + "; it must be > 0");
    }
    if (repeatLastN < 0) {
      throw new IllegalArgumentException("repeatLastN is " + repeatLastN + "; it must be >= 0");
    }
  }

  /** Greedy decoding without penalties or log-probabilities. */
  public static SamplingParams greedy() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .temperature(temperature)
        .topK(topK)
        .topP(topP)
        .minP(minP)
        .seed(seed)
        .repeatPenalty(repeatPenalty)
        .repeatLastN(repeatLastN)
        .presencePenalty(presencePenalty)
        .frequencyPenalty(frequencyPenalty)
        .logitBias(logitBias)
        .topLogprobs(topLogprobs);
  }

  /** Whether sampling is the deterministic argmax. */
  public boolean isGreedy() {
    return temperature <= 0;
  }

  /** Builder; defaults are greedy, no truncation, no penalties, seed 0, no log-probabilities. */
  public static final class Builder {
    private float temperature;
    private int topK;
    private float topP = 1f;
    private float minP;
    private long seed;
    private float repeatPenalty = 1f;
    private int repeatLastN = DEFAULT_REPEAT_LAST_N;
    private float presencePenalty;
    private float frequencyPenalty;
    private Map<Integer, Float> logitBias = Map.of();
    private int topLogprobs = -1;

    private Builder() {}

    public Builder temperature(float v) {
      temperature = v;
      return this;
    }

    public Builder topK(int v) {
      topK = v;
      return this;
    }

    public Builder topP(float v) {
      topP = v;
      return this;
    }

    public Builder minP(float v) {
      minP = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder repeatPenalty(float v) {
      repeatPenalty = v;
      return this;
    }

    public Builder repeatLastN(int v) {
      repeatLastN = v;
      return this;
    }

    public Builder presencePenalty(float v) {
      presencePenalty = v;
      return this;
    }

    public Builder frequencyPenalty(float v) {
      frequencyPenalty = v;
      return this;
    }

    public Builder logitBias(Map<Integer, Float> v) {
      logitBias = v;
      return this;
    }

    public Builder topLogprobs(int v) {
      topLogprobs = v;
      return this;
    }

    public SamplingParams build() {
      return new SamplingParams(
          temperature,
          topK,
          topP,
          minP,
          seed,
          repeatPenalty,
          repeatLastN,
          presencePenalty,
          frequencyPenalty,
          logitBias,
          topLogprobs);
    }
  }
}
