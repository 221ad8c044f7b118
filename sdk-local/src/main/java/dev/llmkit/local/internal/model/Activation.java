package dev.llmkit.local.internal.model;

/**
 * The non-linearity of the gated FFN, applied as {@code gate[i] = act(gate[i]) · up[i]} over a
 * whole batch in one call, so the choice is made once per layer and never per element.
 */
public enum Activation {
  /** SiLU (swish): llama, qwen2, qwen3, phi3. */
  SILU {
    @Override
    void gate(float[] gate, float[] up, int n) {
      for (int i = 0; i < n; i++) {
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
    void gate(float[] gate, float[] up, int n) {
      for (int i = 0; i < n; i++) {
        float g = gate[i];
        float t = (float) Math.tanh(SQRT_2_OVER_PI * g * (1f + GELU_COEF_A * g * g));
        gate[i] = 0.5f * g * (1f + t) * up[i];
      }
    }
  };

  private static final float GELU_COEF_A = 0.044715f;
  private static final float SQRT_2_OVER_PI = 0.7978845608028654f;

  /** {@code gate[i] = act(gate[i]) · up[i]} for {@code i < n}. */
  abstract void gate(float[] gate, float[] up, int n);
}
