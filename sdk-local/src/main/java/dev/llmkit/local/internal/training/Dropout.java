package dev.llmkit.local.internal.training;

/**
 * LoRA dropout on the input of A: element i of a projection's input is kept (scaled by 1/(1−p)) or
 * zeroed by a hash of (sequence nonce, layer, target, i), so the recomputation in the backward pass
 * sees exactly the mask of the forward pass, and a seed gives the same masks every run.
 */
final class Dropout {
  private final float p;
  private final float keepScale;
  private long nonce;
  private boolean active;

  Dropout(float p) {
    this.p = p;
    this.keepScale = 1f / (1f - p);
  }

  /** Selects the masks of the next sequence; inactive (evaluation) keeps every element. */
  void select(long nonce, boolean active) {
    this.nonce = nonce;
    this.active = active;
  }

  /** The factor (0 or 1/(1−p)) of element {@code i} of the input of (layer, target). */
  float factor(int layer, int target, int i) {
    if (!active) {
      return 1f;
    }
    long z = nonce * 0x9E3779B97F4A7C15L + ((long) layer << 40) + ((long) target << 32) + i;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    double u = (z >>> 11) * 0x1.0p-53;
    return u < p ? 0f : keepScale;
  }

  /** {@code out[i] = x[i] · factor(i)} for i < count. */
  void apply(int layer, int target, float[] x, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = x[i] * factor(layer, target, i);
    }
  }
}
