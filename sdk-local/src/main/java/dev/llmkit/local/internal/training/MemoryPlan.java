package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;

/**
 * The heap a training run needs, from which the run is refused before it starts when it exceeds the
 * configured limit. With dim d, L layers, T the context length, r the rank, H heads, V the
 * vocabulary and P the adapter's parameters:
 *
 * <pre>
 *   adapter, gradients, AdamW moments:  4 · P floats
 *   layer inputs kept for recomputation: (L + 1) · T · d floats
 *   one layer's activations and their gradients: about T · (14·d + 8·ffn + …) + H · T² floats
 *   head: 32 · (V + 2·d) floats
 * </pre>
 *
 * times 4 bytes. The weights of the base model stay in the mapped file and are not counted.
 */
public final class MemoryPlan {
  private MemoryPlan() {}

  /** Bytes of heap the run needs. */
  public static long bytes(
      LlamaConfig c, int rank, boolean[] targets, int contextLength, boolean dropout) {
    int[] in = LoraAdapter.inDims(c);
    int[] out = LoraAdapter.outDims(c);
    long params = 0;
    for (int t = 0; t < LayerAdapter.TARGET_TENSORS.length; t++) {
      if (targets[t]) {
        params += (long) rank * (in[t] + out[t]);
      }
    }
    params *= c.blockCount();
    if (targets.length > LayerAdapter.OUTPUT && targets[LayerAdapter.OUTPUT]) {
      params += (long) rank * (in[LayerAdapter.OUTPUT] + out[LayerAdapter.OUTPUT]);
    }
    return 4L * (4 * params + SequenceModel.floats(c, rank, contextLength, dropout));
  }
}
