package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q8_0: blocks of 32 elements, 34 bytes: {@code d} (F16) then 32 signed bytes {@code q};
 * element = d × q.
 */
public final class Q8_0Tensor extends FloatTensor {
  static final int BLOCK_BYTES = 34;

  Q8_0Tensor(ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, GgmlType.Q8_0);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q8_0;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 32) * BLOCK_BYTES;
    return Float16.toFloat(data.getShort(block)) * data.get(block + 2 + (int) (index % 32));
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int b = 0; b < cols / 32; b++) {
      int block = base + b * BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int o = outOff + b * 32;
      for (int k = 0; k < 4; k++) {
        long eight = data.getLong(block + 2 + 8 * k); // one buffer read per 8 quants
        for (int t = 0; t < 8; t++) {
          out[o + 8 * k + t] = d * (byte) (eight >>> (8 * t));
        }
      }
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dotQ8_0(data, rowOffset(row), x, xOff, cols);
  }
}
