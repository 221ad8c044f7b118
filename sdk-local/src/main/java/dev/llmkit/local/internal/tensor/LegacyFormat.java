package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q4_1, Q5_0 and Q5_1, ggml's older 32-element blocks (llama.cpp also writes them for rows whose
 * length is not a multiple of 256 in K-quant files). A block is {@code d} (F16), for Q4_1 and Q5_1
 * an offset {@code m} (F16), for Q5_0 and Q5_1 {@code qh} (32 fifth bits, a little-endian uint32,
 * bit i for element i), then 16 bytes: byte i holds element i in its low nibble and element i + 16
 * in its high nibble. Element = d × q + m (Q4_1, Q5_1) or d × (q − 16) (Q5_0). One instance per
 * type.
 */
final class LegacyFormat extends BlockFormat {
  /** 20 bytes: d, m, 16 nibble bytes. */
  static final LegacyFormat Q4_1 = new LegacyFormat(GgmlType.Q4_1, 4, true, false);

  /** 22 bytes: d, qh, 16 nibble bytes. */
  static final LegacyFormat Q5_0 = new LegacyFormat(GgmlType.Q5_0, 6, false, true);

  /** 24 bytes: d, m, qh, 16 nibble bytes. */
  static final LegacyFormat Q5_1 = new LegacyFormat(GgmlType.Q5_1, 8, true, true);

  /** Offset of the 16 nibble bytes in a block. */
  final int qs;

  final boolean hasMin;
  final boolean fiveBit;

  /** Offset of qh. */
  final int qh;

  /** Subtracted from q (16 for Q5_0, else 0). */
  final int center;

  private LegacyFormat(GgmlType type, int qs, boolean hasMin, boolean fiveBit) {
    super(type);
    this.qs = qs;
    this.hasMin = hasMin;
    this.fiveBit = fiveBit;
    this.qh = hasMin ? 4 : 2;
    this.center = fiveBit && !hasMin ? 16 : 0;
  }

  @Override
  void decode(ByteBuffer w, int at, float[] out, int outOff) {
    float d = Float16.toFloat(w.getShort(at));
    float m = hasMin ? Float16.toFloat(w.getShort(at + 2)) : 0f;
    int bits = fiveBit ? w.getInt(at + qh) : 0;
    for (int i = 0; i < 16; i++) {
      int q = w.get(at + qs + i) & 0xFF;
      int lo = ((q & 0x0F) | (((bits >>> i) & 1) << 4)) - center;
      int hi = ((q >>> 4) | (((bits >>> (i + 16)) & 1) << 4)) - center;
      out[outOff + i] = hasMin ? d * lo + m : d * lo;
      out[outOff + 16 + i] = hasMin ? d * hi + m : d * hi;
    }
  }

  /** Per block: d·Σ q·x + m·Σ x. */
  @Override
  float dot(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      float d = Float16.toFloat(w.getShort(block));
      float m = hasMin ? Float16.toFloat(w.getShort(block + 2)) : 0f;
      int bits = fiveBit ? w.getInt(block + qh) : 0;
      int xb = xOff + b * 32;
      float qx = 0f;
      float xs = 0f;
      for (int i = 0; i < 16; i++) {
        int q = w.get(block + qs + i) & 0xFF;
        int lo = ((q & 0x0F) | (((bits >>> i) & 1) << 4)) - center;
        int hi = ((q >>> 4) | (((bits >>> (i + 16)) & 1) << 4)) - center;
        qx += lo * x[xb + i] + hi * x[xb + 16 + i];
        xs += x[xb + i] + x[xb + 16 + i];
      }
      sum += d * qx + m * xs;
    }
    return sum;
  }
}
