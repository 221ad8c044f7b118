package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tokenizer.WordPieceTokenizerTest;
import dev.llmkit.local.testing.GgufWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny {@code bert} (or {@code nomic-bert}: fused QKV, rotary positions, SwiGLU, no
 * biases) GGUF (llama.cpp tensor names, seeded random F32 weights, the WordPiece vocabulary of
 * {@link WordPieceTokenizerTest}) and keeps the weights for {@link NaiveBert}.
 */
public final class TinyBert {
  static final int DIM = 16;
  static final int LAYERS = 2;
  static final int HEADS = 2;
  static final int FFN = 32;
  static final int CONTEXT = 24;
  static final float EPS = 1e-12f;
  static final float ROPE_BASE = 1000f;

  public final Path file;
  final Map<String, float[]> weights = new HashMap<>();
  final String[] vocab;
  final boolean nomic;

  public TinyBert(Path file, int poolingType, long seed) {
    this(file, "bert", poolingType, seed);
  }

  public TinyBert(Path file, String arch, int poolingType, long seed) {
    this.file = file;
    this.nomic = arch.equals("nomic-bert");
    this.vocab = WordPieceTokenizerTest.HF_VOCAB.clone();
    Random random = new Random(seed);
    GgufWriter w = new GgufWriter();
    w.putString("general.architecture", arch);
    w.putU32(arch + ".embedding_length", DIM);
    w.putU32(arch + ".block_count", LAYERS);
    w.putU32(arch + ".feed_forward_length", FFN);
    w.putU32(arch + ".attention.head_count", HEADS);
    w.putU32(arch + ".context_length", CONTEXT);
    w.putF32(arch + ".attention.layer_norm_epsilon", EPS);
    w.putBool(arch + ".attention.causal", false);
    if (nomic) {
      w.putF32(arch + ".rope.freq_base", ROPE_BASE);
    }
    if (poolingType >= 0) {
      w.putU32(arch + ".pooling_type", poolingType);
    }
    w.putString("tokenizer.ggml.model", "bert");
    w.putStringArray("tokenizer.ggml.tokens", vocab);
    w.putU32("tokenizer.ggml.unknown_token_id", 1);
    w.putU32("tokenizer.ggml.cls_token_id", 2);
    w.putU32("tokenizer.ggml.seperator_token_id", 3);
    w.putU32("tokenizer.ggml.padding_token_id", 0);
    tensor(w, random, "token_embd.weight", vocab.length, DIM, 0f, 0.5f);
    tensor(w, random, "token_types.weight", 2, DIM, 0f, 0.1f);
    if (!nomic) {
      tensor(w, random, "position_embd.weight", CONTEXT, DIM, 0f, 0.1f);
    }
    tensor(w, random, "token_embd_norm.weight", 1, DIM, 1f, 0.1f);
    tensor(w, random, "token_embd_norm.bias", 1, DIM, 0f, 0.1f);
    for (int l = 0; l < LAYERS; l++) {
      String p = "blk." + l + ".";
      if (nomic) {
        tensor(w, random, p + "attn_qkv.weight", 3 * DIM, DIM, 0f, 0.3f);
        tensor(w, random, p + "attn_output.weight", DIM, DIM, 0f, 0.3f);
      } else {
        for (String m : new String[] {"attn_q", "attn_k", "attn_v", "attn_output"}) {
          tensor(w, random, p + m + ".weight", DIM, DIM, 0f, 0.3f);
          tensor(w, random, p + m + ".bias", 1, DIM, 0f, 0.1f);
        }
      }
      tensor(w, random, p + "attn_output_norm.weight", 1, DIM, 1f, 0.1f);
      tensor(w, random, p + "attn_output_norm.bias", 1, DIM, 0f, 0.1f);
      tensor(w, random, p + "ffn_up.weight", FFN, DIM, 0f, 0.3f);
      tensor(w, random, p + "ffn_down.weight", DIM, FFN, 0f, 0.3f);
      if (nomic) {
        tensor(w, random, p + "ffn_gate.weight", FFN, DIM, 0f, 0.3f);
      } else {
        tensor(w, random, p + "ffn_up.bias", 1, FFN, 0f, 0.1f);
        tensor(w, random, p + "ffn_down.bias", 1, DIM, 0f, 0.1f);
      }
      tensor(w, random, p + "layer_output_norm.weight", 1, DIM, 1f, 0.1f);
      tensor(w, random, p + "layer_output_norm.bias", 1, DIM, 0f, 0.1f);
    }
    w.write(file);
  }

  /** rows × cols values, written with ggml shape [cols, rows] ([cols] for one row). */
  private void tensor(
      GgufWriter w, Random random, String name, int rows, int cols, float mean, float spread) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = mean + spread * (float) random.nextGaussian();
    }
    w.f32Tensor(name, rows == 1 ? new long[] {cols} : new long[] {cols, rows}, v);
    weights.put(name, v);
  }
}
