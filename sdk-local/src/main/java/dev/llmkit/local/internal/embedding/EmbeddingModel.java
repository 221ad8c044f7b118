package dev.llmkit.local.internal.embedding;

/**
 * A loaded embedding model: tokenizes text and turns token sequences into pooled vectors (not yet
 * normalised). Implementations are thread-safe; each call allocates its own activations.
 */
public interface EmbeddingModel extends AutoCloseable {
  /** The model's id: its file name without {@code .gguf}. */
  String id();

  /** Length of the vectors. */
  int dimensions();

  /** The most tokens one input may have, special tokens included. */
  int maxTokens();

  int vocabularySize();

  /** The token ids of {@code text}, with the special tokens the model expects. */
  default int[] tokenize(String text) {
    return tokenize(text, true);
  }

  /**
   * The token ids of {@code text}, with the special tokens the model expects, however many.
   *
   * @param parseSpecial whether special-token texts written in {@code text} become those tokens
   *     (models whose tokenizer has no such notion ignore it)
   */
  int[] tokenize(String text, boolean parseSpecial);

  /**
   * The first tokens of a {@link #tokenize} result, at most {@code maxTokens} of them, keeping the
   * special token the sequence ends with (BERT's {@code [SEP]}, an appended EOS).
   */
  int[] truncate(int[] tokens, int maxTokens);

  /** The pooled hidden state of {@code tokens} (1 to {@link #maxTokens()} valid ids). */
  float[] embed(int[] tokens);

  /** The pooled hidden states of several inputs, in order; models may batch them together. */
  default java.util.List<float[]> embedAll(java.util.List<int[]> inputs) {
    java.util.List<float[]> out = new java.util.ArrayList<>(inputs.size());
    for (int[] tokens : inputs) {
      out.add(embed(tokens));
    }
    return out;
  }

  /** Unmaps the file and stops the compute threads. */
  @Override
  void close();
}
