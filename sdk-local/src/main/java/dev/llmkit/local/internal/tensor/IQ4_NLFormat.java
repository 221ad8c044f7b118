package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * IQ4_NL: blocks of 32 elements in 18 bytes: {@code d} (F16), then 16 bytes; byte i holds the 4-bit
 * index of element i in its low nibble and of element i + 16 in its high nibble. Element = d ×
 * {@link #VALUES}[index]: a fixed non-linear grid, denser near zero.
 */
final class IQ4_NLFormat extends BlockFormat {
  static final IQ4_NLFormat INSTANCE = new IQ4_NLFormat();

  /** ggml's {@code kvalues_iq4nl}. */
  static final float[] VALUES = {
    -127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113
  };

  private IQ4_NLFormat() {
    super(GgmlType.IQ4_NL);
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    float d = Float16.toFloat(w.getShort(at));
    for (int i = 0; i < 16; i++) {
      int q = w.get(at + 2 + i) & 0xFF;
      out[outOff + i] = d * VALUES[q & 0x0F];
      out[outOff + 16 + i] = d * VALUES[q >>> 4];
    }
  }

  /** Per block: d·Σ grid[q]·x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int at = off + b * 18;
      int xb = xOff + b * 32;
      float s = 0f;
      for (int i = 0; i < 16; i++) {
        int q = w.get(at + 2 + i) & 0xFF;
        s += VALUES[q & 0x0F] * x[xb + i] + VALUES[q >>> 4] * x[xb + 16 + i];
      }
      sum += Float16.toFloat(w.getShort(at)) * s;
    }
    return sum;
  }
}
