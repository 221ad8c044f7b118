package dev.llmkit.local.internal.training;

/**
 * One tokenized training example: {@code weights[t]} tells whether token t is a target of the loss
 * (assistant or completion tokens), predicted from the tokens before it.
 */
public record TrainingExample(int[] tokens, boolean[] weights) {
  public TrainingExample {
    if (tokens.length != weights.length) {
      throw new IllegalArgumentException(
          tokens.length + " tokens but " + weights.length + " weights");
    }
    tokens = tokens.clone();
    weights = weights.clone();
  }

  /** Tokens that count in the loss. */
  public int targetCount() {
    int n = 0;
    for (int t = 1; t < weights.length; t++) {
      if (weights[t]) {
        n++;
      }
    }
    return n;
  }
}
