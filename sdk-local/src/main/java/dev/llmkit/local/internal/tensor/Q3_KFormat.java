package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q3_K: super-blocks of 256 elements in 110 bytes: 32 bytes {@code hmask} of high bits, 64 bytes
 * {@code qs} of 2-bit low parts, 12 bytes of 16 packed 6-bit scales, then {@code d} (F16). Element
 * {@code 128n + 32j + l} (n &lt; 2, j &lt; 4, l &lt; 32) takes bits 2j, 2j+1 of {@code qs[32n + l]}
 * and bit {@code 4n + j} of {@code hmask[l]}: q = low − (high bit set ? 0 : 4), in −4..3; it lies
 * in sub-block {@code 8n + 2j + l / 16}: value = d × (scale − 32) × q. Scale s has its low 4 bits
 * in byte s (s &lt; 8, low nibble) or byte s − 8 (high nibble), its top 2 bits in bits {@code 2(s /
 * 4)} of byte {@code 8 + s % 4} of the scale bytes.
 */
final class Q3_KFormat extends BlockFormat {
  static final Q3_KFormat INSTANCE = new Q3_KFormat();
  static final int QS = 32;
  static final int SCALES = 96;
  static final int D = 108;

  private Q3_KFormat() {
    super(GgmlType.Q3_K);
  }

  /** Signed scale (−32..31) of sub-block {@code s} of the block at {@code at}. */
  static int scale(ByteBuffer w, int at, int s) {
    int packed = at + SCALES;
    return scale(w.get(packed + s % 8), w.get(packed + 8 + s % 4), s);
  }

  /** {@link #scale(ByteBuffer, int, int)} from a heap copy of the block. */
  static int scale(byte[] w, int at, int s) {
    int packed = at + SCALES;
    return scale(w[packed + s % 8], w[packed + 8 + s % 4], s);
  }

  /** Scale {@code s} from its low-bits byte (s mod 8) and its high-bits byte (8 + s mod 4). */
  private static int scale(byte lowByte, byte highByte, int s) {
    int low = s < 8 ? lowByte & 0x0F : (lowByte & 0xFF) >>> 4;
    int high = ((highByte & 0xFF) >>> (2 * (s / 4))) & 3;
    return (low | high << 4) - 32;
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    float d = Float16.toFloat(w.getShort(at + D));
    for (int sub = 0; sub < 16; sub++) {
      float dl = d * scale(w, at, sub);
      int n = sub / 8;
      int j = (sub % 8) / 2;
      int first = 16 * (sub % 2);
      int o = outOff + 16 * sub;
      for (int l = first; l < first + 16; l++) {
        int low = ((w.get(at + QS + 32 * n + l) & 0xFF) >>> (2 * j)) & 3;
        int high = ((w.get(at + l) & 0xFF) >>> (4 * n + j)) & 1;
        out[o + l - first] = dl * (low - (high != 0 ? 0 : 4));
      }
    }
  }

  /** Per sub-block: d·scale·Σ q·x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * 110;
      float d = Float16.toFloat(w.getShort(at + D));
      for (int sub = 0; sub < 16; sub++) {
        int half = sub / 8;
        int j = (sub % 8) / 2;
        int first = 16 * (sub % 2);
        int xb = xOff + b * 256 + 16 * sub - first;
        float qx = 0f;
        for (int l = first; l < first + 16; l++) {
          int low = ((w.get(at + QS + 32 * half + l) & 0xFF) >>> (2 * j)) & 3;
          int high = ((w.get(at + l) & 0xFF) >>> (4 * half + j)) & 1;
          qx += (low - 4 + 4 * high) * x[xb + l];
        }
        sum += d * scale(w, at, sub) * qx;
      }
    }
    return sum;
  }
}
