package dev.llmkit.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a GGUF with seeded random weights and a synthetic SentencePiece vocabulary, in the shape
 * of a real model ({@code --shape}, see {@link ModelShape#PRESETS}) or of the given dimensions, so
 * that a benchmark measures the engine on the work per token users see. Matrix types follow {@link
 * FileType} (F32, F16, Q8_0, Q4_0, or llama.cpp's Q4_K_M mix); norms and biases stay F32, as
 * llama.cpp's quantizer leaves them. llama.cpp loads these files too.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmkit.benchmarks.SyntheticGguf --out smollm2-Q8_0.gguf --type Q8_0 \
 *     --shape smollm2-135m            # or qwen2.5-0.5b, tinyllama-1.1b
 * java -cp benchmarks.jar dev.llmkit.benchmarks.SyntheticGguf --out synth-Q8_0.gguf --type Q8_0 \
 *     [--arch llama] [--dim 1024] [--layers 8] [--heads 16] [--kv-heads 16] [--ffn 2816] \
 *     [--vocab 32000] [--tied false] [--rope-base 10000] [--context 2048] [--seed 1]
 * </pre>
 *
 * <p>The vocabulary: {@code <unk> <s> </s>}, the 256 byte tokens, single characters, every
 * "▁"-prefix of the words of the benchmark prompt (so SentencePiece merges rebuild whole words),
 * then filler pieces up to the vocabulary size.
 */
public final class SyntheticGguf {
  /**
   * The text the benchmark prompts are cut from (sdk-local's {@code
   * dev.llmkit.local.bench.PromptBuilder} holds the same): its words are whole pieces of the
   * synthetic vocabulary, so a prompt tokenizes into words as with a real model.
   */
  static final String PROMPT_TEXT =
      "Once upon a time, there was a little girl named Lily. She"
          + " loved to play outside in the park with her friends. One day, she saw a big red ball"
          + " under a tree. She ran to the ball and picked it up. Her mom said she could keep it if"
          + " she shared it with her brother. Lily was happy and they played together all day long. ";

  private SyntheticGguf() {}

  public static void main(String[] argv) throws IOException {
    Args a = new Args(argv);
    FileType type = FileType.of(a.get("type", "Q8_0"));
    ModelShape shape =
        a.get("shape", null) != null
            ? ModelShape.preset(a.get("shape", null))
            : new ModelShape(
                "synthetic",
                a.get("arch", "llama"),
                a.intValue("dim", 1024),
                a.intValue("layers", 8),
                a.intValue("heads", 16),
                a.intValue("kv-heads", a.intValue("heads", 16)),
                a.intValue("ffn", 2816),
                a.intValue("vocab", 32000),
                Boolean.parseBoolean(a.get("tied", "false")),
                Float.parseFloat(a.get("rope-base", "10000")),
                a.intValue("context", 2048));
    Path out = Path.of(a.require("out"));
    write(out, shape, type, Long.parseLong(a.get("seed", "1")));
    System.out.println("wrote " + out + " (" + java.nio.file.Files.size(out) + " bytes)");
  }

  /** Writes {@code shape} with {@code type} weights drawn from {@code seed} to {@code out}. */
  static void write(Path out, ModelShape shape, FileType type, long seed) throws IOException {
    String arch = shape.arch();
    int dim = shape.dim();
    int layers = shape.layers();
    int kvDim = shape.kvDim();
    int ffn = shape.ffn();
    int vocab = shape.vocab();
    GgufStreamWriter w = new GgufStreamWriter();
    w.putString("general.architecture", arch);
    w.putString("general.name", "llmkit synthetic " + shape.name() + " " + type);
    w.putU32("general.file_type", type.ftype);
    w.putU32(arch + ".context_length", shape.context());
    w.putU32(arch + ".embedding_length", dim);
    w.putU32(arch + ".block_count", layers);
    w.putU32(arch + ".feed_forward_length", ffn);
    w.putU32(arch + ".rope.dimension_count", shape.headDim());
    w.putU32(arch + ".attention.head_count", shape.heads());
    w.putU32(arch + ".attention.head_count_kv", shape.kvHeads());
    w.putF32(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
    w.putF32(arch + ".rope.freq_base", shape.ropeBase());
    w.putU32(arch + ".vocab_size", vocab);
    vocabulary(w, vocab);

    Random random = new Random(seed);
    String embdRole = shape.tied() ? "output" : "token_embd";
    matrix(w, "token_embd.weight", type.typeFor(embdRole, -1, layers, dim), dim, vocab, random);
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      vector(w, p + "attn_norm.weight", dim, null);
      matrix(w, p + "attn_q.weight", type.typeFor("attn_q", l, layers, dim), dim, dim, random);
      matrix(w, p + "attn_k.weight", type.typeFor("attn_k", l, layers, dim), dim, kvDim, random);
      matrix(w, p + "attn_v.weight", type.typeFor("attn_v", l, layers, dim), dim, kvDim, random);
      if (shape.qkvBias()) {
        vector(w, p + "attn_q.bias", dim, random);
        vector(w, p + "attn_k.bias", kvDim, random);
        vector(w, p + "attn_v.bias", kvDim, random);
      }
      matrix(
          w,
          p + "attn_output.weight",
          type.typeFor("attn_output", l, layers, dim),
          dim,
          dim,
          random);
      vector(w, p + "ffn_norm.weight", dim, null);
      matrix(w, p + "ffn_gate.weight", type.typeFor("ffn_gate", l, layers, dim), dim, ffn, random);
      matrix(w, p + "ffn_up.weight", type.typeFor("ffn_up", l, layers, dim), dim, ffn, random);
      matrix(w, p + "ffn_down.weight", type.typeFor("ffn_down", l, layers, ffn), ffn, dim, random);
    }
    vector(w, "output_norm.weight", dim, null);
    if (!shape.tied()) {
      matrix(w, "output.weight", type.typeFor("output", -1, layers, dim), dim, vocab, random);
    }
    w.write(out);
  }

  private static void vocabulary(GgufStreamWriter w, int size) {
    Set<String> pieces = new LinkedHashSet<>();
    pieces.add("<unk>");
    pieces.add("<s>");
    pieces.add("</s>");
    for (int b = 0; b < 256; b++) {
      pieces.add(String.format(Locale.ROOT, "<0x%02X>", b));
    }
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-:;()";
    pieces.add("\u2581");
    for (char c : chars.toCharArray()) {
      pieces.add(String.valueOf(c));
      pieces.add("\u2581" + c);
    }
    for (String word : PROMPT_TEXT.split("\\s+")) {
      String piece = "\u2581" + word;
      for (int end = 2; end <= piece.length(); end++) {
        pieces.add(piece.substring(0, end));
      }
    }
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (int n = 0; pieces.size() < size; n++) {
      StringBuilder s = new StringBuilder();
      for (int v = n + 26; v > 0; v /= 26) {
        s.append(letters.charAt(v % 26));
      }
      pieces.add("\u2581" + s + "q");
    }
    List<String> list = new ArrayList<>(pieces).subList(0, size);
    float[] scores = new float[size];
    int[] tokenTypes = new int[size];
    for (int i = 0; i < size; i++) {
      scores[i] = i < 259 ? 0f : -i;
      tokenTypes[i] = i == 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1;
    }
    w.putString("tokenizer.ggml.model", "llama");
    w.putStrings("tokenizer.ggml.tokens", list);
    w.putFloats("tokenizer.ggml.scores", scores);
    w.putInts("tokenizer.ggml.token_type", tokenTypes);
    w.putU32("tokenizer.ggml.unknown_token_id", 0);
    w.putU32("tokenizer.ggml.bos_token_id", 1);
    w.putU32("tokenizer.ggml.eos_token_id", 2);
    w.putBool("tokenizer.ggml.add_bos_token", true);
    w.putBool("tokenizer.ggml.add_eos_token", false);
  }

  /** An F32 vector: ones (a norm) when {@code random} is null, else small random values. */
  private static void vector(GgufStreamWriter w, String name, int n, Random random) {
    w.tensor(
        name,
        RandomRows.F32.typeId,
        new long[] {n},
        4L * n,
        out -> {
          byte[] row = new byte[4 * n];
          for (int i = 0; i < n; i++) {
            RandomRows.putF32(row, 4 * i, random == null ? 1f : (random.nextFloat() - 0.5f) * 0.1f);
          }
          write(out, row);
        });
  }

  /** A rows × cols matrix (ggml shape {cols, rows}) of random values. */
  private static void matrix(
      GgufStreamWriter w, String name, RandomRows type, int cols, int rows, Random random) {
    long rowBytes = type.rowBytes(cols);
    w.tensor(
        name,
        type.typeId,
        new long[] {cols, rows},
        rowBytes * rows,
        out -> {
          byte[] row = new byte[(int) rowBytes];
          for (int r = 0; r < rows; r++) {
            type.fill(row, cols, random);
            write(out, row);
          }
        });
  }

  private static void write(OutputStream out, byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
