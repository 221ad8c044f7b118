package dev.llmkit.local.internal.model;

import java.util.Arrays;

/**
 * The final hidden states of a Llama-family model for every position of a token sequence (after the
 * output RMSNorm, before the output head): what decoder embedding models such as Qwen3-Embedding
 * pool into one vector.
 *
 * <p>Runs {@link Llama#forward} one batch at a time and reads the batch's residual stream from the
 * state, so the forward pass stays the single implementation. Added for embeddings (owned by the
 * embeddings code; see /work/notes/requests.md); it relies on {@link LlamaState#x} holding the
 * batch's rows after {@code forward}.
 */
public final class HiddenStates {
  private HiddenStates() {}

  /**
   * Runs {@code tokens} from position 0 of a fresh {@code state} and returns their hidden states,
   * {@code [tokens.length × dim]}. Attention is causal, as the model was trained.
   *
   * @throws IllegalArgumentException for empty tokens, ids outside the vocabulary, or more tokens
   *     than the state's context length
   */
  public static float[] compute(Llama llama, LlamaState state, int[] tokens) {
    LlamaConfig c = llama.config();
    int dim = c.embeddingLength();
    if (tokens.length == 0) {
      throw new IllegalArgumentException("tokens must not be empty");
    }
    float[] out = new float[tokens.length * dim];
    float[] norm = llama.weights().outputNorm;
    for (int from = 0; from < tokens.length; from += state.maxBatch) {
      int n = Math.min(state.maxBatch, tokens.length - from);
      llama.forward(state, Arrays.copyOfRange(tokens, from, from + n), from);
      for (int b = 0; b < n; b++) {
        RowOps.rmsNorm(out, (from + b) * dim, state.x, b * dim, norm, dim, c.rmsNormEps());
      }
    }
    return out;
  }
}
