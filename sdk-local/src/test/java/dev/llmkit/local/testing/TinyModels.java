package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes tiny Llama-family GGUF models with seeded random weights, and keeps the weights as the
 * test oracle decoded them ({@link QuantOracle}), so tests can compare the engine with a plain
 * implementation that never touches engine code.
 */
public final class TinyModels {
  private TinyModels() {}

  /** What to write. Matrices have rows of {@code dim} (or ffn / heads·headDim) elements. */
  public static final class Spec {
    public String architecture = "llama";
    public int dim = 256;
    public int layers = 2;
    public int heads = 4;
    public int kvHeads = 2;
    public int headDim = 64;
    public int ffn = 256;
    public int vocab = 48;
    public int context = 64;
    public int ropeDim = 0;
    public float ropeBase = 10000f;
    public float eps = 1e-5f;
    public GgmlType matrixType = GgmlType.F32;
    public GgmlType ffnDownType = GgmlType.F32;
    public GgmlType embeddingType = GgmlType.F32;
    public GgmlType outputType = GgmlType.F32;
    public boolean tiedOutput = false;
    public boolean qkvBias = false;
    public boolean qkNorm = false;
    public boolean ropeFreqs = false;
    public long seed = 1;

    /**
     * Extra metadata, e.g. a tokenizer ({@code tokenizer.ggml.*}), written after the model keys.
     */
    public java.util.function.Consumer<GgufWriter> metadata = w -> {};

    public Spec architecture(String a) {
      architecture = a;
      return this;
    }

    public int ropeDimension() {
      return ropeDim > 0 ? ropeDim : headDim;
    }
  }

  /**
   * A written model: its file and the oracle's float weights by tensor name (row-major, ne0
   * fastest).
   */
  public static final class Model {
    public final Path file;
    public final Spec spec;
    public final Map<String, float[]> weights;

    Model(Path file, Spec spec, Map<String, float[]> weights) {
      this.file = file;
      this.spec = spec;
      this.weights = weights;
    }
  }

  public static Model write(Path file, Spec s) {
    Random random = new Random(s.seed);
    GgufWriter w = new GgufWriter();
    Map<String, float[]> weights = new HashMap<>();
    String a = s.architecture;
    w.putString("general.architecture", a);
    w.putU32(a + ".embedding_length", s.dim);
    w.putU32(a + ".block_count", s.layers);
    w.putU32(a + ".feed_forward_length", s.ffn);
    w.putU32(a + ".attention.head_count", s.heads);
    w.putU32(a + ".attention.head_count_kv", s.kvHeads);
    w.putU32(a + ".context_length", s.context);
    w.putF32(a + ".attention.layer_norm_rms_epsilon", s.eps);
    w.putF32(a + ".rope.freq_base", s.ropeBase);
    if (s.headDim * s.heads != s.dim) {
      w.putU32(a + ".attention.key_length", s.headDim);
      w.putU32(a + ".attention.value_length", s.headDim);
    }
    if (s.ropeDim > 0) {
      w.putU32(a + ".rope.dimension_count", s.ropeDim);
    }
    s.metadata.accept(w);
    int qDim = s.heads * s.headDim;
    int kvDim = s.kvHeads * s.headDim;
    matrix(w, weights, "token_embd.weight", s.embeddingType, s.dim, s.vocab, random, 0.5f);
    for (int l = 0; l < s.layers; l++) {
      String p = "blk." + l + ".";
      vector(w, weights, p + "attn_norm.weight", s.dim, random, 1f, 0.1f);
      matrix(w, weights, p + "attn_q.weight", s.matrixType, s.dim, qDim, random, 0.1f);
      matrix(w, weights, p + "attn_k.weight", s.matrixType, s.dim, kvDim, random, 0.1f);
      matrix(w, weights, p + "attn_v.weight", s.matrixType, s.dim, kvDim, random, 0.1f);
      if (s.qkvBias) {
        vector(w, weights, p + "attn_q.bias", qDim, random, 0f, 0.2f);
        vector(w, weights, p + "attn_k.bias", kvDim, random, 0f, 0.2f);
        vector(w, weights, p + "attn_v.bias", kvDim, random, 0f, 0.2f);
      }
      if (s.qkNorm) {
        vector(w, weights, p + "attn_q_norm.weight", s.headDim, random, 1f, 0.2f);
        vector(w, weights, p + "attn_k_norm.weight", s.headDim, random, 1f, 0.2f);
      }
      matrix(w, weights, p + "attn_output.weight", s.matrixType, qDim, s.dim, random, 0.1f);
      vector(w, weights, p + "ffn_norm.weight", s.dim, random, 1f, 0.1f);
      matrix(w, weights, p + "ffn_gate.weight", s.matrixType, s.dim, s.ffn, random, 0.1f);
      matrix(w, weights, p + "ffn_up.weight", s.matrixType, s.dim, s.ffn, random, 0.1f);
      matrix(w, weights, p + "ffn_down.weight", s.ffnDownType, s.ffn, s.dim, random, 0.1f);
    }
    vector(w, weights, "output_norm.weight", s.dim, random, 1f, 0.1f);
    if (!s.tiedOutput) {
      matrix(w, weights, "output.weight", s.outputType, s.dim, s.vocab, random, 0.5f);
    }
    if (s.ropeFreqs) {
      float[] factors = new float[s.ropeDimension() / 2];
      for (int i = 0; i < factors.length; i++) {
        factors[i] = i < factors.length / 2 ? 1f : 1f + 3f * random.nextFloat();
      }
      w.f32Tensor("rope_freqs.weight", new long[] {factors.length}, factors);
      weights.put("rope_freqs.weight", factors);
    }
    w.write(file);
    return new Model(file, s, weights);
  }

  private static void matrix(
      GgufWriter w,
      Map<String, float[]> weights,
      String name,
      GgmlType type,
      int cols,
      int rows,
      Random random,
      float scale) {
    byte[] bytes =
        QuantOracle.random(
            type,
            cols * rows,
            random,
            type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.BF16
                ? scale
                : scale * 0.1f);
    w.tensor(name, type, new long[] {cols, rows}, bytes);
    weights.put(name, QuantOracle.dequantize(type, bytes, cols * rows));
  }

  private static void vector(
      GgufWriter w,
      Map<String, float[]> weights,
      String name,
      int n,
      Random random,
      float mean,
      float spread) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + spread * (float) random.nextGaussian();
    }
    w.f32Tensor(name, new long[] {n}, v);
    weights.put(name, v);
  }
}
