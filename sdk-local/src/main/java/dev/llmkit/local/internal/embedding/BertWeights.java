package dev.llmkit.local.internal.embedding;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.gguf.GgufMetadata;
import dev.llmkit.local.internal.tensor.FloatTensor;
import org.jspecify.annotations.Nullable;

/**
 * Hyper-parameters and weights of a {@code bert} GGUF model (all-MiniLM, bge, e5 …), by the tensor
 * names llama.cpp's converter writes. Matrices stay mapped; biases and norms are float arrays.
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

  /** [vocab rows × dim]. */
  final FloatTensor tokenEmbedding;
  /** [contextLength rows × dim]. */
  final FloatTensor positionEmbedding;
  /** Row 0 ("sentence A") of token_types.weight, or null when the model has none. */
  final float @Nullable [] tokenType0;
  final float[] embNormW;
  final float[] embNormB;
  final FloatTensor[] wq;
  final FloatTensor[] wk;
  final FloatTensor[] wv;
  final FloatTensor[] wo;
  final float[][] bq;
  final float[][] bk;
  final float[][] bv;
  final float[][] bo;
  final float[][] attnNormW;
  final float[][] attnNormB;
  /** Per layer, [ffn rows × dim]. */
  final FloatTensor[] up;
  final float[][] upB;
  /** Per layer, [dim rows × ffn]. */
  final FloatTensor[] down;
  final float[][] downB;
  final float[][] outNormW;
  final float[][] outNormB;

  BertWeights(GgufFile file) {
    GgufMetadata md = file.metadata();
    String name = file.path().toString();
    dim = require(md, name, "bert.embedding_length");
    layers = require(md, name, "bert.block_count");
    heads = require(md, name, "bert.attention.head_count");
    ffn = require(md, name, "bert.feed_forward_length");
    if (dim % heads != 0) {
      throw new ModelLoadException("local", name + ": embedding_length " + dim
          + " is not a multiple of head_count " + heads);
    }
    eps = md.getFloat("bert.attention.layer_norm_epsilon", 1e-12f);
    pooling = Pooling.fromMetadata(md, "bert", name);
    Tensors t = new Tensors(file);
    tokenEmbedding = t.matrix("token_embd.weight", dim, -1);
    vocabularySize = tokenEmbedding.rows();
    positionEmbedding = t.matrix("position_embd.weight", dim, -1);
    contextLength = Math.min(positionEmbedding.rows(),
        md.getInt("bert.context_length", positionEmbedding.rows()));
    if (t.has("token_types.weight")) {
      FloatTensor types = t.matrix("token_types.weight", dim, -1);
      tokenType0 = new float[dim];
      types.dequantizeRow(0, tokenType0, 0);
    } else {
      tokenType0 = null;
    }
    embNormW = t.vector("token_embd_norm.weight", dim);
    embNormB = t.vector("token_embd_norm.bias", dim);
    wq = new FloatTensor[layers];
    wk = new FloatTensor[layers];
    wv = new FloatTensor[layers];
    wo = new FloatTensor[layers];
    bq = new float[layers][];
    bk = new float[layers][];
    bv = new float[layers][];
    bo = new float[layers][];
    attnNormW = new float[layers][];
    attnNormB = new float[layers][];
    up = new FloatTensor[layers];
    upB = new float[layers][];
    down = new FloatTensor[layers];
    downB = new float[layers][];
    outNormW = new float[layers][];
    outNormB = new float[layers][];
    if (t.has("blk.0.attn_qkv.weight")) {
      throw new ModelLoadException("local", name + ": fused attn_qkv tensors (nomic-bert style)"
          + " are not supported; use a bert GGUF with separate attn_q/attn_k/attn_v");
    }
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      wq[l] = t.matrix(p + "attn_q.weight", dim, dim);
      wk[l] = t.matrix(p + "attn_k.weight", dim, dim);
      wv[l] = t.matrix(p + "attn_v.weight", dim, dim);
      wo[l] = t.matrix(p + "attn_output.weight", dim, dim);
      bq[l] = t.vector(p + "attn_q.bias", dim);
      bk[l] = t.vector(p + "attn_k.bias", dim);
      bv[l] = t.vector(p + "attn_v.bias", dim);
      bo[l] = t.vector(p + "attn_output.bias", dim);
      attnNormW[l] = t.vector(p + "attn_output_norm.weight", dim);
      attnNormB[l] = t.vector(p + "attn_output_norm.bias", dim);
      up[l] = t.matrix(p + "ffn_up.weight", dim, ffn);
      upB[l] = t.vector(p + "ffn_up.bias", ffn);
      down[l] = t.matrix(p + "ffn_down.weight", ffn, dim);
      downB[l] = t.vector(p + "ffn_down.bias", dim);
      outNormW[l] = t.vector(p + "layer_output_norm.weight", dim);
      outNormB[l] = t.vector(p + "layer_output_norm.bias", dim);
    }
  }

  private static int require(GgufMetadata md, String name, String key) {
    int v = md.getInt(key, -1);
    if (v <= 0) {
      throw new ModelLoadException("local", name + ": metadata key " + key
          + (md.contains(key) ? " must be a positive integer" : " is missing"));
    }
    return v;
  }
}
