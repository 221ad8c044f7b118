package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q5_0: blocks of 32 elements, 22 bytes: {@code d} (F16), {@code qh} (32 fifth bits, little-endian uint32), then 16 bytes; byte i holds element i in its low nibble and element i + 16 in its high nibble, bit i of qh is the fifth bit of element i. Element = d × (q − 16). (llama.cpp writes
 * Q5_0 for rows whose length is not a multiple of 256 in K-quant files.)
 */
public final class Q5_0Tensor extends FloatTensor {
  static final int BLOCK_BYTES = 22;
  /** Offset of the 16 nibble bytes in a block. */
  static final int QS = 6;

  Q5_0Tensor(ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, GgmlType.Q5_0);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q5_0;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 32) * BLOCK_BYTES;
    int i = (int) (index % 32);
    float d = Float16.toFloat(data.getShort(block));
    int qh = data.getInt(block + 2);
    int q = data.get(block + QS + (i & 15)) & 0xFF;
    int nibble = i < 16 ? q & 0x0F : q >>> 4;
    int bit = (qh >>> i) & 1;
    return d * ((nibble | (bit << 4)) - 16);
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int b = 0; b < cols / 32; b++) {
      int block = base + b * BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int qh = data.getInt(block + 2);
      int o = outOff + b * 32;
      for (int i = 0; i < 16; i++) {
        int q = data.get(block + QS + i) & 0xFF;
        int lo = q & 0x0F;
        int hi = q >>> 4;
        int bitLo = (qh >>> i) & 1;
        int bitHi = (qh >>> (i + 16)) & 1;
        out[o + i] = d * ((lo | (bitLo << 4)) - 16);
        out[o + 16 + i] = d * ((hi | (bitHi << 4)) - 16);
      }
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dotQ5_0(data, rowOffset(row), x, xOff, cols);
  }
}
