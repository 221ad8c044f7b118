package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.sampling.SamplingParams;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to generate for one request, already tokenized and validated.
 *
 * @param prompt prompt token ids (with BOS when the model wants it)
 * @param sampling sampler settings; choice {@code i} uses seed {@code seed + i}
 * @param stop stop strings, matched on text
 * @param maxTokens most tokens per choice
 * @param choices how many choices ({@code n})
 * @param constraint the grammar the output follows, or null for free text
 * @param ignoreEos keep generating after end-of-generation tokens (llama.cpp's {@code ignore_eos})
 * @param adapter a fine-tuned model's LoRA adapter over the loaded weights, or null
 */
public record GenerationSpec(
    int[] prompt,
    SamplingParams sampling,
    List<String> stop,
    int maxTokens,
    int choices,
    @Nullable ConstraintSpec constraint,
    boolean ignoreEos,
    @Nullable LayerAdapter adapter) {

  /** A request on the base model (no adapter). */
  public GenerationSpec(
      int[] prompt,
      SamplingParams sampling,
      List<String> stop,
      int maxTokens,
      int choices,
      @Nullable ConstraintSpec constraint,
      boolean ignoreEos) {
    this(prompt, sampling, stop, maxTokens, choices, constraint, ignoreEos, null);
  }

  /** This request with {@code adapter} applied. */
  public GenerationSpec withAdapter(@Nullable LayerAdapter adapter) {
    return new GenerationSpec(
        prompt, sampling, stop, maxTokens, choices, constraint, ignoreEos, adapter);
  }

  public GenerationSpec {
    prompt = prompt.clone();
    stop = List.copyOf(stop);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens is " + maxTokens + "; it must be >= 1");
    }
    if (choices < 1) {
      throw new IllegalArgumentException("n is " + choices + "; it must be >= 1");
    }
  }

  /** Whether the whole output is constrained (structured output, forced tool calls). */
  public boolean json() {
    return constraint != null && constraint.trigger() == null;
  }
}
