package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.ComputePool;

/**
 * The non-linearity of the gated FFN, applied as {@code gate[i] = act(gate[i]) · up[i]} over a
 * whole batch in one call, so the choice is made once per layer and never per element.
 */
public enum Activation {
  /** SiLU (swish): llama, qwen2, qwen3, phi3. */
  SILU {
    @Override
    void gate(float[] gate, float[] up, int from, int to) {
      for (int i = from; i < to; i++) {
        float g = gate[i];
        gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
      }
    }
  },
  /**
   * GELU with the tanh approximation, computed exactly (gemma2, gemma3; HF's gelu_pytorch_tanh).
   */
  GELU_TANH {
    @Override
    void gate(float[] gate, float[] up, int from, int to) {
      for (int i = from; i < to; i++) {
        float g = gate[i];
        float t = (float) Math.tanh(SQRT_2_OVER_PI * g * (1f + GELU_COEF_A * g * g));
        gate[i] = 0.5f * g * (1f + t) * up[i];
      }
    }
  };

  private static final float GELU_COEF_A = 0.044715f;
  private static final float SQRT_2_OVER_PI = 0.7978845608028654f;

  /** {@code gate[i] = act(gate[i]) · up[i]} for {@code from <= i < to}. */
  abstract void gate(float[] gate, float[] up, int from, int to);

  /**
   * {@code gate[i] = act(gate[i]) · up[i]} over {@code rows} rows of {@code width}; a batch of
   * several rows is split over the pool's threads (each element is computed as alone, so the result
   * does not depend on the split).
   */
  void gate(ComputePool pool, float[] gate, float[] up, int rows, int width) {
    if (rows < 2) {
      gate(gate, up, 0, rows * width);
      return;
    }
    pool.forRange(rows, (from, to) -> gate(gate, up, from * width, to * width));
  }
}
