package dev.llmkit.local.internal.model;

/**
 * Adds a low-rank correction to the output of one projection of one layer (LoRA: {@code y = Wx +
 * scale·B(Ax)}). {@link Llama} calls it after each adapted product when a {@link LlamaState} has an
 * adapter; without one nothing is called, so the plain forward pass pays nothing. The base weights
 * stay shared: any number of states may use different adapters over one {@link Llama}.
 * Implementations must be safe to call from several threads at once (read-only weights).
 */
public interface LayerAdapter {
  /** Targets, in the order of {@link #TARGET_TENSORS}. */
  int Q = 0;

  int K = 1;
  int V = 2;
  int O = 3;
  int GATE = 4;
  int UP = 5;
  int DOWN = 6;

  /**
   * The output head ({@code output.weight}, logits from the final norm's output): not per layer;
   * its flag follows the layer targets in a targets array of {@link #TARGET_COUNT} entries.
   */
  int OUTPUT = 7;

  /** Length of a targets array: the per-layer targets, then {@link #OUTPUT}. */
  int TARGET_COUNT = 8;

  /** The ggml tensor name of the output head. */
  String OUTPUT_TENSOR = "output.weight";

  /** The ggml tensor name (between {@code blk.N.} and {@code .weight}) of each target. */
  String[] TARGET_TENSORS = {
    "attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"
  };

  /**
   * For each of the {@code n} batch rows, adds the correction of {@code target} in {@code layer}
   * for input row {@code in[b * inDim ..]} to output row {@code out[b * outDim ..]}; does nothing
   * when that projection is not adapted.
   */
  void addTo(int layer, int target, float[] in, int n, float[] out);

  /**
   * Adds the output head's correction for the normed final activation {@code in} (one row) to
   * {@code logits}; does nothing when the head is not adapted.
   */
  default void addToOutput(float[] in, float[] logits) {}
}
