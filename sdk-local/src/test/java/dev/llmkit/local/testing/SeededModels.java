package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small seeded random-weight GGUF files of every supported architecture and tensor type, compared
 * with native llama.cpp without the shared models folder: it has no llama.cpp reference for some
 * types (Q3_K, Q5_1, IQ4_XS, 256-wide Q8_0/Q4_0), LongRoPE or quantized non-llama files. The bytes
 * depend only on the name (same seed, same {@link Random} draws), so the test can rewrite a file
 * and check it against the SHA-256 that {@code benchmarks/llama-cpp/record-refs.sh} recorded with
 * native llama.cpp's greedy ids ({@code src/test/resources/llama-cpp-refs/}).
 *
 * <p>Quantized matrices are random block bytes (every bit of the layout is exercised) whose block
 * scales are calibrated so the dequantized weights have an RMS of about 0.08, as in the shared
 * {@code llama-kq} files. The vocabulary is a 320-token SentencePiece list ({@code <unk> <s> </s>},
 * the 256 byte tokens, then words); prompts are given as ids, so no tokenizer is involved.
 *
 * <p>{@code main(DIR)} writes every file into DIR (run by {@code record-refs.sh}).
 */
public final class SeededModels {
  /** Vocabulary size of every file. */
  public static final int VOCAB = 320;

  private static final float WEIGHT_RMS = 0.08f;

  private SeededModels() {}

  /** What one file holds. */
  private static final class Spec {
    final String arch;
    final GgmlType type;
    int dim = 256;
    int ffn = 512;
    int layers = 2;
    int heads = 8;
    int kvHeads = 4;
    int headDim = 32;

    /** Type of ffn_down and output when not {@link #type} (a "Q4_K_M"-like mix). */
    GgmlType mixType;

    /** No {@code output.weight}: the head is the token embedding (Llama 3.2, Phi-4-mini). */
    boolean tied;

    /** Only this tensor has {@link #type}, the other matrices are F32 (see {@link #names()}). */
    String only;

    Spec(String arch, GgmlType type) {
      this.arch = arch;
      this.type = type;
    }
  }

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    for (GgmlType t :
        List.of(
            GgmlType.F32,
            GgmlType.F16,
            GgmlType.BF16,
            GgmlType.Q8_0,
            GgmlType.Q4_0,
            GgmlType.Q4_1,
            GgmlType.Q5_0,
            GgmlType.Q5_1,
            GgmlType.Q2_K,
            GgmlType.Q3_K,
            GgmlType.Q4_K,
            GgmlType.Q5_K,
            GgmlType.Q6_K,
            GgmlType.IQ4_NL,
            GgmlType.IQ4_XS)) {
      SPECS.put("llama-" + t, new Spec("llama", t));
    }
    Spec mix = new Spec("llama", GgmlType.Q4_K);
    mix.mixType = GgmlType.Q6_K;
    SPECS.put("llama-Q4_K_M", mix);
    for (GgmlType t :
        List.of(
            GgmlType.F16,
            GgmlType.BF16,
            GgmlType.Q8_0,
            GgmlType.Q4_0,
            GgmlType.Q4_1,
            GgmlType.Q5_0,
            GgmlType.Q5_1,
            GgmlType.Q2_K,
            GgmlType.Q3_K,
            GgmlType.Q4_K,
            GgmlType.Q5_K,
            GgmlType.Q6_K,
            GgmlType.IQ4_NL,
            GgmlType.IQ4_XS)) {
      for (String probe : List.of("embd", "head")) {
        Spec spec = new Spec("llama", t);
        spec.only = probe.equals("embd") ? "token_embd.weight" : "output.weight";
        spec.layers = 1;
        spec.ffn = 256;
        SPECS.put(probe + "-" + t, spec);
      }
    }
    SPECS.put("qwen2-Q4_K", new Spec("qwen2", GgmlType.Q4_K));
    Spec qwen3 = new Spec("qwen3", GgmlType.Q8_0);
    qwen3.headDim = 64;
    SPECS.put("qwen3-Q8_0", qwen3);
    Spec llamaTied = new Spec("llama", GgmlType.Q8_0);
    llamaTied.tied = true;
    SPECS.put("llama-tied-Q8_0", llamaTied);
    SPECS.put("phi3-longrope-F32", new Spec("phi3", GgmlType.F32));
    for (GgmlType t : List.of(GgmlType.F32, GgmlType.Q8_0)) {
      Spec phi4 = new Spec("phi3", t);
      phi4.tied = true;
      SPECS.put("phi3-longrope-tied-" + t, phi4);
    }
    SPECS.put("phi3-longrope-Q4_K", new Spec("phi3", GgmlType.Q4_K));
    SPECS.put("gemma2-F32", new Spec("gemma2", GgmlType.F32));
    SPECS.put("gemma2-Q5_K", new Spec("gemma2", GgmlType.Q5_K));
    for (GgmlType t : List.of(GgmlType.F32, GgmlType.Q4_K)) {
      Spec gemma3 = new Spec("gemma3", t);
      gemma3.layers = 6;
      gemma3.ffn = 256;
      SPECS.put("gemma3-" + t, gemma3);
    }
  }

  /**
   * The names of all files, e.g. {@code llama-Q3_K}. The one-layer probes hold one matrix in the
   * type and the others in F32: {@code embd-<type>} the token embedding, whose rows llama.cpp
   * dequantizes exactly, so the block layout is checked to float precision; {@code head-<type>} the
   * output head, the only matmul where llama.cpp rounds the activations to its 8-bit blocks, so a
   * test can reproduce that rounding on the engine's hidden state.
   */
  public static List<String> names() {
    return new ArrayList<>(SPECS.keySet());
  }

  /** Writes every file into {@code args[0]} as {@code <name>.gguf}. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (String name : names()) {
      System.out.println(write(name, dir.resolve(name + ".gguf")));
    }
  }

  /** Writes the file called {@code name} to {@code file}. */
  public static Path write(String name, Path file) {
    Spec s = SPECS.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no seeded model " + name + "; known: " + names());
    }
    Random random = new Random(name.hashCode());
    GgufWriter w = new GgufWriter();
    hyperParameters(w, s);
    vocabulary(w);
    GgmlType mixed = s.only != null ? GgmlType.F32 : s.mixType != null ? s.mixType : s.type;
    GgmlType type = s.only != null ? GgmlType.F32 : s.type;
    // a tied head (always for gemma2): with larger embeddings it would mostly repeat the input
    // token, so they are small and the output norm scales the logits up instead
    boolean tied = s.tied || s.arch.equals("gemma2");
    matrix(
        w,
        "token_embd.weight",
        s.only == null || s.only.equals("token_embd.weight") ? s.type : GgmlType.F32,
        s.dim,
        VOCAB,
        random,
        tied ? 0.02f : WEIGHT_RMS);
    for (int l = 0; l < s.layers; l++) {
      layer(w, s, l, type, mixed, random);
    }
    // gemma2 multiplies by 8, the others by 4 to keep their logits as large as untied files
    float outputNorm = s.arch.equals("gemma2") ? 8f : tied ? 4f : 1f;
    vector(w, "output_norm.weight", s.dim, random, outputNorm, tied ? outputNorm / 10 : 0.1f);
    if (!tied) {
      matrix(
          w,
          "output.weight",
          "output.weight".equals(s.only) ? s.type : mixed,
          s.dim,
          VOCAB,
          random);
    }
    if (s.arch.equals("phi3")) {
      ropeFactors(w, s, random);
    }
    return w.write(file);
  }

  /** One transformer block's tensors: matrices of {@code type}, ffn_down of {@code mixed}. */
  private static void layer(
      GgufWriter w, Spec s, int l, GgmlType type, GgmlType mixed, Random random) {
    int q = s.heads * s.headDim;
    int kv = s.kvHeads * s.headDim;
    String p = "blk." + l + ".";
    norm(w, p + "attn_norm.weight", s.dim, random);
    if (s.arch.equals("phi3")) {
      matrix(w, p + "attn_qkv.weight", type, s.dim, q + 2 * kv, random);
    } else {
      matrix(w, p + "attn_q.weight", type, s.dim, q, random);
      matrix(w, p + "attn_k.weight", type, s.dim, kv, random);
      matrix(w, p + "attn_v.weight", type, s.dim, kv, random);
    }
    if (s.arch.equals("qwen2")) {
      bias(w, p + "attn_q.bias", q, random);
      bias(w, p + "attn_k.bias", kv, random);
      bias(w, p + "attn_v.bias", kv, random);
    }
    if (s.arch.equals("qwen3") || s.arch.equals("gemma3")) {
      norm(w, p + "attn_q_norm.weight", s.headDim, random);
      norm(w, p + "attn_k_norm.weight", s.headDim, random);
    }
    matrix(w, p + "attn_output.weight", type, q, s.dim, random);
    if (s.arch.startsWith("gemma")) {
      norm(w, p + "post_attention_norm.weight", s.dim, random);
      norm(w, p + "post_ffw_norm.weight", s.dim, random);
    }
    norm(w, p + "ffn_norm.weight", s.dim, random);
    if (s.arch.equals("phi3")) {
      matrix(w, p + "ffn_up.weight", type, s.dim, 2 * s.ffn, random);
    } else {
      matrix(w, p + "ffn_gate.weight", type, s.dim, s.ffn, random);
      matrix(w, p + "ffn_up.weight", type, s.dim, s.ffn, random);
    }
    matrix(w, p + "ffn_down.weight", mixed, s.ffn, s.dim, random);
  }

  /** LongRoPE (Phi-3.5-mini, Phi-4-mini): divisors of each rotated pair's frequency. */
  private static void ropeFactors(GgufWriter w, Spec s, Random random) {
    int pairs = ropeDimension(s) / 2;
    float[] shortFactors = new float[pairs];
    float[] longFactors = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      shortFactors[i] = 1f + 0.5f * i / pairs + 0.05f * random.nextFloat();
      longFactors[i] = 1f + 20f * i / pairs + random.nextFloat();
    }
    w.f32Tensor("rope_factors_long.weight", new long[] {pairs}, longFactors);
    w.f32Tensor("rope_factors_short.weight", new long[] {pairs}, shortFactors);
  }

  /** Phi-4-mini rotates 3/4 of each head; the others rotate all of it. */
  private static int ropeDimension(Spec s) {
    return s.arch.equals("phi3") ? s.headDim * 3 / 4 : s.headDim;
  }

  private static void hyperParameters(GgufWriter w, Spec s) {
    String a = s.arch;
    w.putString("general.architecture", a);
    // not the architecture's name: llama.cpp treats a name with "phi3" in it as a real Phi-3 vocab
    w.putString("general.name", "seeded random weights");
    w.putU32(a + ".context_length", a.equals("phi3") ? 2048 : 512);
    w.putU32(a + ".embedding_length", s.dim);
    w.putU32(a + ".block_count", s.layers);
    w.putU32(a + ".feed_forward_length", s.ffn);
    w.putU32(a + ".attention.head_count", s.heads);
    w.putU32(a + ".attention.head_count_kv", s.kvHeads);
    w.putU32(a + ".attention.key_length", s.headDim);
    w.putU32(a + ".attention.value_length", s.headDim);
    w.putU32(a + ".rope.dimension_count", ropeDimension(s));
    w.putF32(
        a + ".attention.layer_norm_rms_epsilon",
        a.equals("llama") || a.equals("phi3") ? 1e-5f : 1e-6f);
    w.putF32(a + ".rope.freq_base", a.startsWith("qwen") || a.equals("gemma3") ? 1e6f : 1e4f);
    if (a.equals("phi3")) {
      w.putU32(a + ".rope.scaling.original_context_length", 256);
      w.putF32(a + ".rope.scaling.attn_factor", 1.1902381f);
    }
    if (a.startsWith("gemma")) {
      // gemma2 keeps the default soft-caps (50, 30) and pattern (every 2nd layer global);
      // gemma3 the default pattern (every 6th layer global) and sliding RoPE base (10000)
      w.putU32(a + ".attention.sliding_window", 8);
    }
  }

  /** A SentencePiece vocabulary: {@code <unk> <s> </s>}, the 256 byte tokens, then words. */
  private static void vocabulary(GgufWriter w) {
    String[] tokens = new String[VOCAB];
    float[] scores = new float[VOCAB];
    int[] types = new int[VOCAB];
    for (int i = 0; i < VOCAB; i++) {
      if (i < 3) {
        tokens[i] = new String[] {"<unk>", "<s>", "</s>"}[i];
        types[i] = i == 0 ? 2 : 3;
      } else if (i < 259) {
        tokens[i] = String.format(java.util.Locale.ROOT, "<0x%02X>", i - 3);
        types[i] = 6;
      } else {
        tokens[i] = "\u2581w" + (i - 259);
        types[i] = 1;
      }
      scores[i] = -i;
    }
    w.putString("tokenizer.ggml.model", "llama")
        .putStringArray("tokenizer.ggml.tokens", tokens)
        .putFloatArray("tokenizer.ggml.scores", scores)
        .putIntArray("tokenizer.ggml.token_type", types)
        .putU32("tokenizer.ggml.unknown_token_id", 0)
        .putU32("tokenizer.ggml.bos_token_id", 1)
        .putU32("tokenizer.ggml.eos_token_id", 2)
        .putBool("tokenizer.ggml.add_bos_token", true);
  }

  /**
   * A [rows × cols] matrix: normal values for float types, else random blocks whose scales are set
   * so the dequantized values have an RMS of about {@code rms} (a trial with scale 1 measures the
   * RMS; the real draw continues the same random sequence).
   */
  private static void matrix(
      GgufWriter w, String name, GgmlType type, int cols, int rows, Random random) {
    matrix(w, name, type, cols, rows, random, WEIGHT_RMS);
  }

  private static void matrix(
      GgufWriter w, String name, GgmlType type, int cols, int rows, Random random, float rms) {
    int n = cols * rows;
    float scale = rms;
    if (type != GgmlType.F32 && type != GgmlType.F16 && type != GgmlType.BF16) {
      float[] trial =
          QuantOracle.dequantize(type, QuantOracle.random(type, n, new Random(n), 1f), n);
      double sum = 0;
      for (float v : trial) {
        sum += (double) v * v;
      }
      scale = (float) (rms / Math.sqrt(sum / n));
    }
    w.tensor(name, type, new long[] {cols, rows}, QuantOracle.random(type, n, random, scale));
  }

  private static void norm(GgufWriter w, String name, int n, Random random) {
    vector(w, name, n, random, 1f, 0.1f);
  }

  private static void bias(GgufWriter w, String name, int n, Random random) {
    vector(w, name, n, random, 0f, 0.1f);
  }

  private static void vector(
      GgufWriter w, String name, int n, Random random, float mean, float spread) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + spread * (float) random.nextGaussian();
    }
    w.f32Tensor(name, new long[] {n}, v);
  }
}
