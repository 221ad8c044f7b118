package dev.llmkit.benchmarks;

import java.util.Locale;

/**
 * Which tensor type each matrix of a synthetic model gets, imitating llama.cpp's quantizer for the
 * whole-file types: F32, F16, Q8_0 and Q4_0 use one type everywhere; Q4_K_M uses Q4_K, with Q6_K
 * for the output head (the token embedding when tied) and for attn_v / ffn_down in the layers
 * llama.cpp gives more bits. K-quants need rows of a multiple of 256; other rows fall back as
 * llama.cpp does (Q4_K to Q5_0, Q6_K to Q8_0), so the SmolLM2 and Qwen2.5 shapes are mostly Q5_0.
 */
enum FileType {
  F32(0),
  F16(1),
  Q8_0(7),
  Q4_0(2),
  Q4_K_M(15);

  /** GGUF {@code general.file_type} (llama_ftype). */
  final int ftype;

  FileType(int ftype) {
    this.ftype = ftype;
  }

  static FileType of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "file type " + name + "; use F32, F16, Q8_0, Q4_0 or Q4_K_M", e);
    }
  }

  /**
   * The type of matrix {@code role} ({@code output}, {@code attn_v}, {@code ffn_down}, ...) of
   * layer {@code layer} (-1 outside the layers) whose rows have {@code cols} elements.
   */
  RandomRows typeFor(String role, int layer, int layers, int cols) {
    switch (this) {
      case F32:
        return RandomRows.F32;
      case F16:
        return RandomRows.F16;
      case Q8_0:
        return RandomRows.Q8_0;
      case Q4_0:
        return RandomRows.Q4_0;
      default:
        break;
    }
    boolean more =
        "output".equals(role)
            || (("attn_v".equals(role) || "ffn_down".equals(role)) && moreBits(layer, layers));
    RandomRows t = more ? RandomRows.Q6_K : RandomRows.Q4_K;
    if (cols % 256 != 0) {
      t = t == RandomRows.Q6_K ? RandomRows.Q8_0 : RandomRows.Q5_0;
    }
    return t;
  }

  /** llama.cpp's use_more_bits: the first and last eighth of the layers and every third between. */
  private static boolean moreBits(int layer, int layers) {
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
  }
}
