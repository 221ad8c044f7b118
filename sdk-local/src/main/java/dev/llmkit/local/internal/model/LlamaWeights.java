package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.TensorInfo;
import dev.llmkit.local.internal.tensor.FloatTensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The weights of a decoder model, found by their ggml tensor names. Matrices stay in the mapped
 * file ({@link FloatTensor}); fused matrices ({@code attn_qkv}, phi3's {@code ffn_up} = [gate; up])
 * become row-range views of the same bytes. Norm weights, biases and RoPE factors (small vectors)
 * are copied to float arrays. Which optional tensors are required follows the {@link Architecture};
 * shapes are checked against the {@link LlamaConfig}.
 */
public final class LlamaWeights {
  /** [vocab rows × dim]. */
  final FloatTensor tokenEmbedding;

  /** Per layer, [dim]. */
  final float[][] attentionNorm;

  /** Per layer, [queryDim rows × dim]. */
  final FloatTensor[] wq;

  /** Per layer, [keyDim rows × dim]. */
  final FloatTensor[] wk;

  /** Per layer, [valueDim rows × dim]. */
  final FloatTensor[] wv;

  /** Per layer, [dim rows × headCount·valueLength]. */
  final FloatTensor[] wo;

  /** Per layer q/k/v biases (qwen2; split from attn_qkv.bias when fused), or null. */
  final float @Nullable [][] bq;

  final float @Nullable [][] bk;
  final float @Nullable [][] bv;

  /** Per layer per-head RMSNorm weights [keyLength] of q and k (qwen3), or null. */
  final float @Nullable [][] qNorm;

  final float @Nullable [][] kNorm;

  /** Per layer RMSNorm weights [dim] of the attention and FFN outputs (gemma), or null. */
  final float @Nullable [][] postAttentionNorm;

  final float @Nullable [][] postFfnNorm;

  /** Per layer, [dim]. */
  final float[][] ffnNorm;

  /** Per layer, [ffn rows × dim]. */
  final FloatTensor[] wGate;

  final FloatTensor[] wUp;

  /** Per layer, [dim rows × ffn]. */
  final FloatTensor[] wDown;

  /** [dim]. */
  final float[] outputNorm;

  /** [vocab rows × dim]; the token embedding when the model ties them. */
  final FloatTensor output;

  /** RoPE frequency divisors [ropeDim / 2] (Llama 3 scaling), or null. */
  final float @Nullable [] ropeFreqFactors;

  /** LongRoPE frequency divisors [ropeDim / 2] beyond / within the original context, or null. */
  final float @Nullable [] ropeFactorsLong;

  final float @Nullable [] ropeFactorsShort;

  private LlamaWeights(Loader l, LlamaConfig c) {
    Architecture.Description d = c.options().architecture().description();
    int n = c.blockCount();
    int dim = c.embeddingLength();
    tokenEmbedding = l.matrix("token_embd.weight", dim, c.vocabularySize());
    attentionNorm = new float[n][];
    wq = new FloatTensor[n];
    wk = new FloatTensor[n];
    wv = new FloatTensor[n];
    wo = new FloatTensor[n];
    ffnNorm = new float[n][];
    wGate = new FloatTensor[n];
    wUp = new FloatTensor[n];
    wDown = new FloatTensor[n];
    boolean biases =
        l.file.tensor("blk.0.attn_q.bias").isPresent()
            || l.file.tensor("blk.0.attn_qkv.bias").isPresent();
    boolean qkNorm = l.file.tensor("blk.0.attn_q_norm.weight").isPresent();
    bq = biases ? new float[n][] : null;
    bk = biases ? new float[n][] : null;
    bv = biases ? new float[n][] : null;
    qNorm = qkNorm || d.qkNorm ? new float[n][] : null;
    kNorm = qkNorm || d.qkNorm ? new float[n][] : null;
    postAttentionNorm = d.postNorms ? new float[n][] : null;
    postFfnNorm = d.postNorms ? new float[n][] : null;
    for (int i = 0; i < n; i++) {
      String p = "blk." + i + ".";
      attentionNorm[i] = l.vector(p + "attn_norm.weight", dim);
      if (l.file.tensor(p + "attn_qkv.weight").isPresent()) {
        FloatTensor[] qkv =
            l.split(p + "attn_qkv.weight", dim, c.queryDim(), c.keyDim(), c.valueDim());
        wq[i] = qkv[0];
        wk[i] = qkv[1];
        wv[i] = qkv[2];
      } else {
        wq[i] = l.matrix(p + "attn_q.weight", dim, c.queryDim());
        wk[i] = l.matrix(p + "attn_k.weight", dim, c.keyDim());
        wv[i] = l.matrix(p + "attn_v.weight", dim, c.valueDim());
      }
      wo[i] = l.matrix(p + "attn_output.weight", c.headCount() * c.valueLength(), dim);
      if (bq != null && bk != null && bv != null) { // allocated together, when biases is set
        if (l.file.tensor(p + "attn_qkv.bias").isPresent()) {
          int q = c.queryDim();
          int k = c.keyDim();
          float[] qkv = l.vector(p + "attn_qkv.bias", q + k + c.valueDim());
          bq[i] = Arrays.copyOfRange(qkv, 0, q);
          bk[i] = Arrays.copyOfRange(qkv, q, q + k);
          bv[i] = Arrays.copyOfRange(qkv, q + k, qkv.length);
        } else {
          bq[i] = l.vector(p + "attn_q.bias", c.queryDim());
          bk[i] = l.vector(p + "attn_k.bias", c.keyDim());
          bv[i] = l.vector(p + "attn_v.bias", c.valueDim());
        }
      }
      if (qNorm != null && kNorm != null) {
        qNorm[i] = l.vector(p + "attn_q_norm.weight", c.keyLength());
        kNorm[i] = l.vector(p + "attn_k_norm.weight", c.keyLength());
      }
      if (postAttentionNorm != null && postFfnNorm != null) {
        postAttentionNorm[i] = l.vector(p + "post_attention_norm.weight", dim);
        postFfnNorm[i] = l.vector(p + "post_ffw_norm.weight", dim);
      }
      ffnNorm[i] = l.vector(p + "ffn_norm.weight", dim);
      if (d.fusedGateUp) {
        int ffn = c.feedForwardLength();
        FloatTensor[] gateUp = l.split(p + "ffn_up.weight", dim, ffn, ffn);
        wGate[i] = gateUp[0];
        wUp[i] = gateUp[1];
      } else {
        wGate[i] = l.matrix(p + "ffn_gate.weight", dim, c.feedForwardLength());
        wUp[i] = l.matrix(p + "ffn_up.weight", dim, c.feedForwardLength());
      }
      wDown[i] = l.matrix(p + "ffn_down.weight", c.feedForwardLength(), dim);
    }
    outputNorm = l.vector("output_norm.weight", dim);
    output =
        !d.outputAlwaysTied && l.file.tensor("output.weight").isPresent()
            ? l.matrix("output.weight", dim, c.vocabularySize())
            : tokenEmbedding;
    ropeFreqFactors = l.optionalVector("rope_freqs.weight", c.ropeDimensionCount() / 2);
    ropeFactorsLong =
        d.longShortRopeFactors
            ? l.optionalVector("rope_factors_long.weight", c.ropeDimensionCount() / 2)
            : null;
    ropeFactorsShort =
        d.longShortRopeFactors
            ? l.optionalVector("rope_factors_short.weight", c.ropeDimensionCount() / 2)
            : null;
  }

  /**
   * Loads (maps) the weights of {@code file} for {@code config}; ModelLoadException on problems.
   */
  public static LlamaWeights load(GgufFile file, LlamaConfig config) {
    return new LlamaWeights(new Loader(file), config);
  }

  /** Every weight matrix the forward pass multiplies with (the output head included). */
  List<FloatTensor> matrices() {
    List<FloatTensor> all = new ArrayList<>();
    for (FloatTensor[] perLayer : List.of(wq, wk, wv, wo, wGate, wUp, wDown)) {
      for (FloatTensor w : perLayer) {
        if (w != null) {
          all.add(w);
        }
      }
    }
    all.add(output);
    return all;
  }

  /** Whether the output projection is the token embedding (tied weights). */
  public boolean tiedOutput() {
    return output == tokenEmbedding;
  }

  /** Whether layers have q/k/v biases (qwen2). */
  public boolean hasQkvBias() {
    return bq != null;
  }

  /** Whether layers normalise their attention and FFN outputs (gemma). */
  public boolean hasPostNorms() {
    return postAttentionNorm != null;
  }

  /** Whether layers have per-head q/k RMSNorm (qwen3, gemma3). */
  public boolean hasQkNorm() {
    return qNorm != null;
  }

  private static final class Loader {
    final GgufFile file;

    Loader(GgufFile file) {
      this.file = file;
    }

    TensorInfo info(String name) {
      return file.tensor(name)
          .orElseThrow(
              () ->
                  new ModelLoadException(
                      "local", file.path() + ": tensor " + name + " is missing"));
    }

    /** A 2-D weight with rows of {@code cols} elements and {@code rows} rows. */
    FloatTensor matrix(String name, int cols, int rows) {
      return FloatTensor.of(file, checked(name, cols, rows));
    }

    /**
     * A fused 2-D weight whose rows are the rows of several matrices one after the other, as views
     * of {@code parts.length} consecutive row ranges.
     */
    FloatTensor[] split(String name, int cols, int... parts) {
      int rows = 0;
      for (int part : parts) {
        rows += part;
      }
      TensorInfo t = checked(name, cols, rows);
      ByteBuffer data = file.tensorData(t);
      long rowBytes = t.type().byteSize(cols);
      FloatTensor[] out = new FloatTensor[parts.length];
      long from = 0;
      for (int i = 0; i < parts.length; i++) {
        ByteBuffer slice = data.slice((int) (from * rowBytes), (int) (parts[i] * rowBytes));
        out[i] = FloatTensor.of(t.type(), slice, parts[i], cols);
        from += parts[i];
      }
      return out;
    }

    private TensorInfo checked(String name, int cols, int rows) {
      TensorInfo t = info(name);
      long[] shape = t.shape();
      if (shape.length != 2 || shape[0] != cols || shape[1] != rows) {
        throw new ModelLoadException(
            "local",
            file.path()
                + ": tensor "
                + name
                + " has shape "
                + Arrays.toString(shape)
                + ", expected ["
                + cols
                + ", "
                + rows
                + "]");
      }
      if (!t.type().isComputable()) {
        throw new ModelLoadException(
            "local",
            file.path()
                + ": tensor "
                + name
                + " has type "
                + t.type()
                + ", which is not supported; supported tensor types: "
                + GgmlType.computableTypeNames());
      }
      return t;
    }

    float @Nullable [] optionalVector(String name, int length) {
      return file.tensor(name).isPresent() ? vector(name, length) : null;
    }

    /** A 1-D tensor of {@code length} elements copied to a float array. */
    float[] vector(String name, int length) {
      TensorInfo t = info(name);
      if (t.elementCount() != length) {
        throw new ModelLoadException(
            "local",
            file.path()
                + ": tensor "
                + name
                + " has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + length
                + " elements");
      }
      if (!t.type().isComputable()) {
        throw new ModelLoadException(
            "local",
            file.path()
                + ": tensor "
                + name
                + " has type "
                + t.type()
                + ", which is not supported; supported tensor types: "
                + GgmlType.computableTypeNames());
      }
      int cols = (int) t.shape()[0];
      FloatTensor tensor = FloatTensor.of(t.type(), file.tensorData(t), length / cols, cols);
      float[] out = new float[length];
      for (int r = 0; r < tensor.rows(); r++) {
        tensor.dequantizeRow(r, out, r * cols);
      }
      return out;
    }
  }
}
