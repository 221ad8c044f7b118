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
  int[] tokenize(String text);

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
