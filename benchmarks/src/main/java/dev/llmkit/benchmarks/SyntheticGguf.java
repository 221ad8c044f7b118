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
 * Writes a Llama-architecture GGUF with seeded random weights and a synthetic SentencePiece
 * vocabulary, large enough that a benchmark measures the engine rather than per-token overhead.
 * Matrices (token embedding and output included) use one type: F32, F16, Q8_0 or Q4_0; norms stay
 * F32, as llama.cpp's quantizer leaves them. Quantized blocks are random codes with a scale chosen
 * so that weights have a standard deviation of about 0.02.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmkit.benchmarks.SyntheticGguf --out synth-Q8_0.gguf --type Q8_0 \
 *     [--dim 1024] [--layers 8] [--heads 16] [--kv-heads 16] [--ffn 2816] [--vocab 32000] \
 *     [--context 2048] [--seed 1]
 * </pre>
 *
 * <p>The vocabulary: {@code <unk> <s> </s>}, the 256 byte tokens, single characters, every
 * "▁"-prefix of the words of the benchmark prompt (so SentencePiece merges rebuild whole words),
 * then filler pieces up to the vocabulary size.
 */
public final class SyntheticGguf {
  private static final float SIGMA = 0.02f;

  private SyntheticGguf() {}

  public static void main(String[] argv) throws IOException {
    Args a = new Args(argv);
    String type = a.get("type", "Q8_0").toUpperCase(Locale.ROOT);
    int dim = a.intValue("dim", 1024);
    int layers = a.intValue("layers", 8);
    int heads = a.intValue("heads", 16);
    int kvHeads = a.intValue("kv-heads", heads);
    int ffn = a.intValue("ffn", 2816);
    int vocab = a.intValue("vocab", 32000);
    int context = a.intValue("context", 2048);
    long seed = Long.parseLong(a.get("seed", "1"));
    Path out = Path.of(a.require("out"));
    int headDim = dim / heads;
    int kvDim = kvHeads * headDim;
    int typeId = typeId(type);

    GgufStreamWriter w = new GgufStreamWriter();
    w.putString("general.architecture", "llama");
    w.putString("general.name", "llmkit synthetic " + dim + "x" + layers + " " + type);
    w.putU32("general.file_type", fileType(type));
    w.putU32("llama.context_length", context);
    w.putU32("llama.embedding_length", dim);
    w.putU32("llama.block_count", layers);
    w.putU32("llama.feed_forward_length", ffn);
    w.putU32("llama.rope.dimension_count", headDim);
    w.putU32("llama.attention.head_count", heads);
    w.putU32("llama.attention.head_count_kv", kvHeads);
    w.putF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.putF32("llama.rope.freq_base", 10000f);
    w.putU32("llama.vocab_size", vocab);
    vocabulary(w, vocab);

    Random random = new Random(seed);
    matrix(w, "token_embd.weight", type, typeId, dim, vocab, random);
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      norm(w, p + "attn_norm.weight", dim);
      matrix(w, p + "attn_q.weight", type, typeId, dim, dim, random);
      matrix(w, p + "attn_k.weight", type, typeId, dim, kvDim, random);
      matrix(w, p + "attn_v.weight", type, typeId, dim, kvDim, random);
      matrix(w, p + "attn_output.weight", type, typeId, dim, dim, random);
      norm(w, p + "ffn_norm.weight", dim);
      matrix(w, p + "ffn_gate.weight", type, typeId, dim, ffn, random);
      matrix(w, p + "ffn_up.weight", type, typeId, dim, ffn, random);
      matrix(w, p + "ffn_down.weight", type, typeId, ffn, dim, random);
    }
    norm(w, "output_norm.weight", dim);
    matrix(w, "output.weight", type, typeId, dim, vocab, random);
    w.write(out);
    System.out.println("wrote " + out + " (" + java.nio.file.Files.size(out) + " bytes)");
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
    for (String word : PromptBuilder.TEXT.split("\\s+")) {
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

  private static void norm(GgufStreamWriter w, String name, int n) {
    w.tensor(name, 0, new long[] {n}, 4L * n, out -> {
      byte[] row = new byte[4 * n];
      for (int i = 0; i < n; i++) {
        int bits = Float.floatToIntBits(1f);
        row[4 * i] = (byte) bits;
        row[4 * i + 1] = (byte) (bits >> 8);
        row[4 * i + 2] = (byte) (bits >> 16);
        row[4 * i + 3] = (byte) (bits >> 24);
      }
      write(out, row);
    });
  }

  /** A rows × cols matrix (ggml shape {cols, rows}) of random values. */
  private static void matrix(GgufStreamWriter w, String name, String type, int typeId, int cols,
      int rows, Random random) {
    long rowBytes = rowBytes(type, cols);
    w.tensor(name, typeId, new long[] {cols, rows}, rowBytes * rows, out -> {
      byte[] row = new byte[(int) rowBytes];
      for (int r = 0; r < rows; r++) {
        fillRow(type, row, cols, random);
        write(out, row);
      }
    });
  }

  private static void fillRow(String type, byte[] row, int cols, Random random) {
    switch (type) {
      case "F32":
        for (int i = 0; i < cols; i++) {
          int bits = Float.floatToIntBits(uniform(random));
          row[4 * i] = (byte) bits;
          row[4 * i + 1] = (byte) (bits >> 8);
          row[4 * i + 2] = (byte) (bits >> 16);
          row[4 * i + 3] = (byte) (bits >> 24);
        }
        break;
      case "F16":
        for (int i = 0; i < cols; i++) {
          short h = toHalf(uniform(random));
          row[2 * i] = (byte) h;
          row[2 * i + 1] = (byte) (h >> 8);
        }
        break;
      case "Q8_0": {
        // 34-byte blocks: f16 scale, 32 int8 codes; uniform codes in [-127, 127] have sd ≈ 73.3
        random.nextBytes(row);
        short d = toHalf(SIGMA / 73.3f);
        for (int b = 0; b < cols / 32; b++) {
          row[34 * b] = (byte) d;
          row[34 * b + 1] = (byte) (d >> 8);
          for (int i = 0; i < 32; i++) {
            if (row[34 * b + 2 + i] == -128) {
              row[34 * b + 2 + i] = -127;
            }
          }
        }
        break;
      }
      case "Q4_0": {
        // 18-byte blocks: f16 scale, 16 bytes of nibble pairs; (nibble - 8) has sd ≈ 4.6
        random.nextBytes(row);
        short d = toHalf(SIGMA / 4.6f);
        for (int b = 0; b < cols / 32; b++) {
          row[18 * b] = (byte) d;
          row[18 * b + 1] = (byte) (d >> 8);
        }
        break;
      }
      default:
        throw new IllegalArgumentException("type " + type + "; use F32, F16, Q8_0 or Q4_0");
    }
  }

  private static float uniform(Random random) {
    // uniform on [-a, a] with sd SIGMA: a = SIGMA * sqrt(3)
    return (random.nextFloat() * 2f - 1f) * SIGMA * 1.7320508f;
  }

  /** Float to IEEE half, round-toward-zero; tiny values flush to zero (fine for random weights). */
  static short toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
    int mant = (bits >>> 13) & 0x3FF;
    if (exp <= 0) {
      return (short) sign;
    }
    if (exp >= 31) {
      return (short) (sign | 0x7BFF);
    }
    return (short) (sign | (exp << 10) | mant);
  }

  private static long rowBytes(String type, int cols) {
    switch (type) {
      case "F32": return 4L * cols;
      case "F16": return 2L * cols;
      case "Q8_0": return 34L * (cols / 32);
      case "Q4_0": return 18L * (cols / 32);
      default: throw new IllegalArgumentException("type " + type + "; use F32, F16, Q8_0 or Q4_0");
    }
  }

  private static int typeId(String type) {
    switch (type) {
      case "F32": return 0;
      case "F16": return 1;
      case "Q4_0": return 2;
      case "Q8_0": return 8;
      default: throw new IllegalArgumentException("type " + type + "; use F32, F16, Q8_0 or Q4_0");
    }
  }

  private static int fileType(String type) {
    switch (type) {
      case "F32": return 0;
      case "F16": return 1;
      case "Q4_0": return 2;
      default: return 7;
    }
  }

  private static void write(OutputStream out, byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
