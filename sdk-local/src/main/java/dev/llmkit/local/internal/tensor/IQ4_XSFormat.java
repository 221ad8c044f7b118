package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * IQ4_XS: super-blocks of 256 elements in 136 bytes: {@code d} (F16), {@code scales_h} (a
 * little-endian uint16: bits 2s, 2s+1 are the top bits of sub-block s's scale), 4 bytes {@code
 * scales_l} (byte k: low 4 bits of the scale of sub-block 2k in its low nibble, of 2k + 1 in its
 * high nibble), then 128 bytes of 4-bit grid indices, 16 per sub-block of 32 elements laid out as
 * IQ4_NL's. Element = d × (scale − 32) × {@link IQ4_NLFormat#VALUES}[index].
 */
final class IQ4_XSFormat extends BlockFormat {
  static final IQ4_XSFormat INSTANCE = new IQ4_XSFormat();
  static final int QS = 8;

  private IQ4_XSFormat() {
    super(GgmlType.IQ4_XS);
  }

  /** Scale of sub-block {@code s} (0..7) of the block at {@code at}, less 32. */
  static int scale(ByteBuffer w, int at, int s) {
    return scale(w.get(at + 4 + s / 2), w.getShort(at + 2), s);
  }

  /** {@link #scale(ByteBuffer, int, int)} from a heap copy of the block. */
  static int scale(byte[] w, int at, int s) {
    return scale(w[at + 4 + s / 2], WeightBytes.getShort(w, at + 2), s);
  }

  /** Scale {@code s} from its low-bits byte (4 + s / 2) and the block's high-bits short (2). */
  private static int scale(byte lowByte, short highBits, int s) {
    int low = ((lowByte & 0xFF) >>> (4 * (s % 2))) & 0x0F;
    int high = ((highBits & 0xFFFF) >>> (2 * s)) & 3;
    return (low | high << 4) - 32;
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    float d = Float16.toFloat(w.getShort(at));
    for (int s = 0; s < 8; s++) {
      float dl = d * scale(w, at, s);
      int q = at + QS + 16 * s;
      int o = outOff + 32 * s;
      for (int i = 0; i < 16; i++) {
        int b = w.get(q + i) & 0xFF;
        out[o + i] = dl * IQ4_NLFormat.VALUES[b & 0x0F];
        out[o + 16 + i] = dl * IQ4_NLFormat.VALUES[b >>> 4];
      }
    }
  }

  /** Per sub-block: d·(scale − 32)·Σ grid[q]·x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      int at = off + b * blockBytes;
      float d = Float16.toFloat(w.getShort(at));
      for (int s = 0; s < 8; s++) {
        int q = at + QS + 16 * s;
        int xb = xOff + b * 256 + 32 * s;
        float acc = 0f;
        for (int i = 0; i < 16; i++) {
          int v = w.get(q + i) & 0xFF;
          acc +=
              IQ4_NLFormat.VALUES[v & 0x0F] * x[xb + i]
                  + IQ4_NLFormat.VALUES[v >>> 4] * x[xb + 16 + i];
        }
        sum += d * scale(w, at, s) * acc;
      }
    }
    return sum;
  }
}
