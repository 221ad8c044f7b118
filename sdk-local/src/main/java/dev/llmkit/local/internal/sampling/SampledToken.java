package dev.llmkit.local.internal.sampling;

import java.util.List;

/**
 * The result of one sampling step.
 *
 * @param id the chosen token id
 * @param logprob natural-log probability of {@code id} in the scored distribution (see {@link
 *     Sampler}), or {@code NaN} when log-probabilities were not requested
 * @param topLogprobs the most likely alternatives, most likely first (ties: lower id first); empty
 *     when not requested
 */
public record SampledToken(int id, float logprob, List<TokenLogprob> topLogprobs) {
  public SampledToken {
    topLogprobs = List.copyOf(topLogprobs);
  }

  /** One token id with its log-probability. */
  public record TokenLogprob(int id, float logprob) {}
}
