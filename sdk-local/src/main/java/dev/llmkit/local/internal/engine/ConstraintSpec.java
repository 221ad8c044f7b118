package dev.llmkit.local.internal.engine;

import dev.llmkit.local.internal.grammar.TokenMasks;
import org.jspecify.annotations.Nullable;

/**
 * How a request's output is constrained: a grammar applied to the model's vocabulary.
 *
 * @param masks the grammar with its per-vocabulary token masks
 * @param trigger null: constrained from the first token (structured output, forced tool calls);
 *     else free text until this text appears (tool choice "auto"), constrained from it on
 * @param triggerAtStart the trigger counts only at the start of the reply (after whitespace)
 * @param shown control tokens that are output as their text (a tool-call marker such as Mistral's
 *     {@code [TOOL_CALLS]}), sorted; the masks' trie holds them with that text
 */
public record ConstraintSpec(
    TokenMasks masks, @Nullable String trigger, boolean triggerAtStart, int[] shown) {
  public ConstraintSpec(TokenMasks masks, @Nullable String trigger, boolean triggerAtStart) {
    this(masks, trigger, triggerAtStart, new int[0]);
  }

  /** Constrained from the first token. */
  public static ConstraintSpec always(TokenMasks masks) {
    return new ConstraintSpec(masks, null, false);
  }

  /** Whether control token {@code id} is output as its text. */
  public boolean shows(int id) {
    return java.util.Arrays.binarySearch(shown, id) >= 0;
  }
}
