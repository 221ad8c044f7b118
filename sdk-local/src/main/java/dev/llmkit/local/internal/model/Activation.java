package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;

/**
 * The non-linearity of the gated FFN, applied as {@code gate[i] = act(gate[i]) · up[i]} over a
 * whole batch in one call, so the choice is made once per layer and never per element.
 */
public enum Activation {
  /** SiLU (swish): llama, qwen2, qwen3, phi3. */
  SILU,
  /** GELU with the tanh approximation (gemma2, gemma3; HF's gelu_pytorch_tanh). */
  GELU_TANH;

  /**
   * {@code gate[i] = act(gate[i]) · up[i]} over {@code rows} rows of {@code width} with the
   * kernels' {@link Kernels#gatedActivation}; a batch of several rows is split over the pool's
   * threads (each element is computed as alone, so the result does not depend on the split).
   */
  void gate(ComputePool pool, Kernels kernels, float[] gate, float[] up, int rows, int width) {
    boolean gelu = this == GELU_TANH;
    if (rows < 2) {
      kernels.gatedActivation(gelu, gate, up, 0, rows * width);
      return;
    }
    pool.forRange(
        rows, (from, to) -> kernels.gatedActivation(gelu, gate, up, from * width, to * width));
  }
}
