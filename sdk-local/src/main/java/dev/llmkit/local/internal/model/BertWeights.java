package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.embedding.Pooling;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.internal.tensor.FloatTensor;
import org.jspecify.annotations.Nullable;

/**
 * Hyper-parameters and weights of a {@code bert} GGUF model (all-MiniLM, bge, e5 …) or a {@code
 * nomic-bert} one (nomic-embed-text: fused QKV, rotary positions, SwiGLU, no biases), by the tensor
 * names llama.cpp's converter writes. Matrices stay mapped; biases and norms are float arrays;
 * absent biases are null.
 */
final class BertWeights {
  final int dim;
  final int layers;
  final int heads;
  final int ffn;
  final int contextLength;
  final int vocabularySize;
  final float eps;
  final Pooling pooling;

  /** nomic-bert: rotary (NeoX) positions instead of position_embd, SwiGLU feed-forward. */
  final boolean nomic;

  final float ropeFreqBase;

  /** [vocab rows × dim]. */
  final FloatTensor tokenEmbedding;

  /** [contextLength rows × dim]; null for nomic-bert (rotary positions). */
  final @Nullable FloatTensor positionEmbedding;

  /** Row 0 ("sentence A") of token_types.weight, or null when the model has none. */
  final float @Nullable [] tokenType0;

  final float[] embNormW;
  final float[] embNormB;

  /** Per layer, fused [3·dim rows × dim] (q, k, v rows in that order), or null when separate. */
  final FloatTensor @Nullable [] wqkv;

  final float @Nullable [][] bqkv;
  final FloatTensor @Nullable [] wq;
  final FloatTensor @Nullable [] wk;
  final FloatTensor @Nullable [] wv;
  final FloatTensor[] wo;
  final float @Nullable [][] bq;
  final float @Nullable [][] bk;
  final float @Nullable [][] bv;
  final float @Nullable [][] bo;
  final float[][] attnNormW;
  final float[][] attnNormB;

  /** Per layer, [ffn rows × dim]. */
  final FloatTensor[] up;

  final float @Nullable [][] upB;

  /** Per layer SwiGLU gate [ffn rows × dim] (nomic-bert), or null. */
  final FloatTensor @Nullable [] gate;

  /** Per layer, [dim rows × ffn]. */
  final FloatTensor[] down;

  final float @Nullable [][] downB;
  final float[][] outNormW;
  final float[][] outNormB;

  BertWeights(GgufFile file, String arch) {
    GgufMetadata md = file.metadata();
    String name = file.path().toString();
    nomic = arch.equals("nomic-bert");
    dim = require(md, name, arch + ".embedding_length");
    layers = require(md, name, arch + ".block_count");
    heads = require(md, name, arch + ".attention.head_count");
    ffn = require(md, name, arch + ".feed_forward_length");
    if (dim % heads != 0) {
      throw new ModelLoadException(
          "local",
          name + ": embedding_length " + dim + " is not a multiple of head_count " + heads);
    }
    eps = md.getFloat(arch + ".attention.layer_norm_epsilon", 1e-12f);
    pooling = Pooling.fromMetadata(md, arch, name);
    ropeFreqBase = md.getFloat(arch + ".rope.freq_base", 10000f);
    Tensors t = new Tensors(file);
    tokenEmbedding = t.matrix("token_embd.weight", dim, -1);
    vocabularySize = tokenEmbedding.rows();
    if (nomic) {
      positionEmbedding = null;
      contextLength = require(md, name, arch + ".context_length");
    } else {
      positionEmbedding = t.matrix("position_embd.weight", dim, -1);
      contextLength =
          Math.min(
              positionEmbedding.rows(),
              md.getInt(arch + ".context_length", positionEmbedding.rows()));
    }
    if (t.has("token_types.weight")) {
      FloatTensor types = t.matrix("token_types.weight", dim, -1);
      tokenType0 = new float[dim];
      types.dequantizeRow(0, tokenType0, 0);
    } else {
      tokenType0 = null;
    }
    embNormW = t.vector("token_embd_norm.weight", dim);
    embNormB = t.vector("token_embd_norm.bias", dim);
    boolean fused = t.has("blk.0.attn_qkv.weight");
    wqkv = fused ? new FloatTensor[layers] : null;
    bqkv = fused && t.has("blk.0.attn_qkv.bias") ? new float[layers][] : null;
    wq = fused ? null : new FloatTensor[layers];
    wk = fused ? null : new FloatTensor[layers];
    wv = fused ? null : new FloatTensor[layers];
    boolean qkvBias = !fused && t.has("blk.0.attn_q.bias");
    bq = qkvBias ? new float[layers][] : null;
    bk = qkvBias ? new float[layers][] : null;
    bv = qkvBias ? new float[layers][] : null;
    wo = new FloatTensor[layers];
    bo = t.has("blk.0.attn_output.bias") ? new float[layers][] : null;
    attnNormW = new float[layers][];
    attnNormB = new float[layers][];
    up = new FloatTensor[layers];
    upB = t.has("blk.0.ffn_up.bias") ? new float[layers][] : null;
    gate = t.has("blk.0.ffn_gate.weight") ? new FloatTensor[layers] : null;
    down = new FloatTensor[layers];
    downB = t.has("blk.0.ffn_down.bias") ? new float[layers][] : null;
    outNormW = new float[layers][];
    outNormB = new float[layers][];
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      if (wqkv != null) {
        wqkv[l] = t.matrix(p + "attn_qkv.weight", dim, 3 * dim);
        if (bqkv != null) {
          bqkv[l] = t.vector(p + "attn_qkv.bias", 3 * dim);
        }
      } else if (wq != null && wk != null && wv != null) { // all three are set when not fused
        wq[l] = t.matrix(p + "attn_q.weight", dim, dim);
        wk[l] = t.matrix(p + "attn_k.weight", dim, dim);
        wv[l] = t.matrix(p + "attn_v.weight", dim, dim);
      }
      if (bq != null && bk != null && bv != null) { // all three or none
        bq[l] = t.vector(p + "attn_q.bias", dim);
        bk[l] = t.vector(p + "attn_k.bias", dim);
        bv[l] = t.vector(p + "attn_v.bias", dim);
      }
      wo[l] = t.matrix(p + "attn_output.weight", dim, dim);
      if (bo != null) {
        bo[l] = t.vector(p + "attn_output.bias", dim);
      }
      attnNormW[l] = t.vector(p + "attn_output_norm.weight", dim);
      attnNormB[l] = t.vector(p + "attn_output_norm.bias", dim);
      up[l] = t.matrix(p + "ffn_up.weight", dim, ffn);
      if (upB != null) {
        upB[l] = t.vector(p + "ffn_up.bias", ffn);
      }
      if (gate != null) {
        gate[l] = t.matrix(p + "ffn_gate.weight", dim, ffn);
      }
      down[l] = t.matrix(p + "ffn_down.weight", ffn, dim);
      if (downB != null) {
        downB[l] = t.vector(p + "ffn_down.bias", dim);
      }
      outNormW[l] = t.vector(p + "layer_output_norm.weight", dim);
      outNormB[l] = t.vector(p + "layer_output_norm.bias", dim);
    }
  }

  private static int require(GgufMetadata md, String name, String key) {
    int v = md.getInt(key, -1);
    if (v <= 0) {
      throw new ModelLoadException(
          "local",
          name
              + ": metadata key "
              + key
              + (md.contains(key) ? " must be a positive integer" : " is missing"));
    }
    return v;
  }
}
