package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q2_K: super-blocks of 256 elements in 84 bytes: 16 bytes of scales (byte s: scale in the low
 * nibble, min in the high nibble of sub-block s of 16 elements), 64 bytes {@code qs} of 2-bit
 * quants, then {@code d} and {@code dmin} (F16). Element {@code 128n + 32j + l} (n &lt; 2, j &lt;
 * 4, l &lt; 32) is bits 2j, 2j+1 of {@code qs[32n + l]}, in sub-block {@code 8n + 2j + l / 16}:
 * value = d × scale × q − dmin × min.
 */
final class Q2_KFormat extends BlockFormat {
  static final Q2_KFormat INSTANCE = new Q2_KFormat();
  static final int QS = 16;
  static final int D = 80;

  private Q2_KFormat() {
    super(GgmlType.Q2_K);
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    float d = Float16.toFloat(w.getShort(at + D));
    float dmin = Float16.toFloat(w.getShort(at + D + 2));
    for (int sub = 0; sub < 16; sub++) {
      int sc = w.get(at + sub) & 0xFF;
      float dl = d * (sc & 0x0F);
      float ml = dmin * (sc >>> 4);
      int q = at + QS + 32 * (sub / 8) + 16 * (sub % 2);
      int shift = 2 * ((sub % 8) / 2);
      int o = outOff + 16 * sub;
      for (int l = 0; l < 16; l++) {
        out[o + l] = dl * (((w.get(q + l) & 0xFF) >>> shift) & 3) - ml;
      }
    }
  }

  /** Per sub-block: d·scale·Σ q·x − dmin·min·Σ x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 84;
      float d = Float16.toFloat(w.getShort(at + D));
      float dmin = Float16.toFloat(w.getShort(at + D + 2));
      for (int sub = 0; sub < 16; sub++) {
        int sc = w.get(at + sub) & 0xFF;
        int q = at + QS + 32 * (sub / 8) + 16 * (sub % 2);
        int shift = 2 * ((sub % 8) / 2);
        int xb = xOff + b * 256 + 16 * sub;
        float qx = 0f;
        float sx = 0f;
        for (int l = 0; l < 16; l++) {
          float v = x[xb + l];
          qx += (((w.get(q + l) & 0xFF) >>> shift) & 3) * v;
          sx += v;
        }
        sum += d * (sc & 0x0F) * qx - dmin * (sc >>> 4) * sx;
      }
    }
    return sum;
  }
}
