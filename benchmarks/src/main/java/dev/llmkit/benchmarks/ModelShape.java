package dev.llmkit.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyper-parameters of a decoder that decide the work per token, with presets for the shapes of
 * real small models (taken from their published configs; the weights are random).
 *
 * @param arch GGUF architecture: {@code llama} or {@code qwen2} (NeoX RoPE, q/k/v biases)
 * @param tied no {@code output.weight}: the token embedding is the output head
 */
record ModelShape(
    String name,
    String arch,
    int dim,
    int layers,
    int heads,
    int kvHeads,
    int ffn,
    int vocab,
    boolean tied,
    float ropeBase,
    int context) {

  static final Map<String, ModelShape> PRESETS = presets();

  private static Map<String, ModelShape> presets() {
    Map<String, ModelShape> m = new LinkedHashMap<>();
    m.put(
        "smollm2-135m",
        new ModelShape("smollm2-135m", "llama", 576, 30, 9, 3, 1536, 49152, true, 100000f, 8192));
    m.put(
        "qwen2.5-0.5b",
        new ModelShape(
            "qwen2.5-0.5b", "qwen2", 896, 24, 14, 2, 4864, 151936, true, 1000000f, 32768));
    m.put(
        "tinyllama-1.1b",
        new ModelShape(
            "tinyllama-1.1b", "llama", 2048, 22, 32, 4, 5632, 32000, false, 10000f, 2048));
    return Map.copyOf(m);
  }

  static ModelShape preset(String name) {
    ModelShape s = PRESETS.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown shape "
              + name
              + "; known: "
              + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())));
    }
    return s;
  }

  int headDim() {
    return dim / heads;
  }

  int kvDim() {
    return kvHeads * headDim();
  }

  boolean qkvBias() {
    return "qwen2".equals(arch);
  }
}
