package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q5_K: super-blocks of 256 elements, 176 bytes: {@code d}, {@code dmin} (F16), 12 bytes of packed
 * scales and mins (as Q4_K), 32 bytes {@code qh} of fifth bits, 128 bytes {@code qs} of low
 * nibbles. Element {@code 64c + l} (l &lt; 32) is the low nibble of {@code qs[32c + l]} plus 16 ×
 * bit 2c of {@code qh[l]}; element {@code 64c + 32 + l} the high nibble plus 16 × bit 2c+1.
 */
final class Q5_KFormat extends BlockFormat {
  static final Q5_KFormat INSTANCE = new Q5_KFormat();
  static final int QH = 16;
  static final int QS = 48;

  private Q5_KFormat() {
    super(GgmlType.Q5_K);
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    int[] scales = new int[8];
    int[] mins = new int[8];
    float d = Float16.toFloat(w.getShort(at));
    float dmin = Float16.toFloat(w.getShort(at + 2));
    KQuants.unpackScales(w, at + 4, scales, mins);
    for (int c = 0; c < 4; c++) {
      int o = outOff + 64 * c;
      for (int l = 0; l < 32; l++) {
        int q = w.get(at + QS + 32 * c + l) & 0xFF;
        int h = w.get(at + QH + l) & 0xFF;
        int lo = (q & 0x0F) | (((h >>> (2 * c)) & 1) << 4);
        int hi = (q >>> 4) | (((h >>> (2 * c + 1)) & 1) << 4);
        out[o + l] = d * scales[2 * c] * lo - dmin * mins[2 * c];
        out[o + 32 + l] = d * scales[2 * c + 1] * hi - dmin * mins[2 * c + 1];
      }
    }
  }

  /** Per sub-block: d·scale·Σ q·x − dmin·min·Σ x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    int[] scales = new int[8];
    int[] mins = new int[8];
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * blockBytes;
      float d = Float16.toFloat(w.getShort(block));
      float dmin = Float16.toFloat(w.getShort(block + 2));
      KQuants.unpackScales(w, block + 4, scales, mins);
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        float lo = 0f;
        float hi = 0f;
        float xLo = 0f;
        float xHi = 0f;
        for (int l = 0; l < 32; l++) {
          int q = w.get(block + QS + 32 * c + l) & 0xFF;
          int h = w.get(block + QH + l) & 0xFF;
          int qLo = (q & 0x0F) | (((h >>> (2 * c)) & 1) << 4);
          int qHi = (q >>> 4) | (((h >>> (2 * c + 1)) & 1) << 4);
          float a = x[xb + 64 * c + l];
          float e = x[xb + 64 * c + 32 + l];
          lo += qLo * a;
          hi += qHi * e;
          xLo += a;
          xHi += e;
        }
        sum +=
            d * (scales[2 * c] * lo + scales[2 * c + 1] * hi)
                - dmin * (mins[2 * c] * xLo + mins[2 * c + 1] * xHi);
      }
    }
    return sum;
  }
}
