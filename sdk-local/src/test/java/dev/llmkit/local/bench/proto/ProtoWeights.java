package dev.llmkit.local.bench.proto;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import java.util.ArrayList;
import java.util.List;

/** What the generation prototypes multiply: a file's weight matrices and a fixed activation. */
final class ProtoWeights {
  private ProtoWeights() {}

  /**
   * Every 2-D weight but the token embedding (which a generated token looks up rather than
   * multiplies), in file order.
   */
  static List<TensorInfo> matrices(GgufFile file) {
    List<TensorInfo> out = new ArrayList<>();
    for (TensorInfo info : file.tensors()) {
      if (info.shape().length >= 2 && !info.name().equals("token_embd.weight")) {
        out.add(info);
      }
    }
    return out;
  }

  /** {@code sin(i)} for i in [0, n): an activation vector with no zeros and no repeats. */
  static float[] activations(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(i);
    }
    return x;
  }
}
