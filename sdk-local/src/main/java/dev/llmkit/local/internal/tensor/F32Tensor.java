package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/** F32 elements, 4 bytes each, little-endian. */
public final class F32Tensor extends FloatTensor {
  F32Tensor(ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, GgmlType.F32);
  }

  @Override
  public GgmlType type() {
    return GgmlType.F32;
  }

  @Override
  public float getFloat(long index) {
    return data.getFloat((int) (index * 4));
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int i = 0; i < cols; i++) {
      out[outOff + i] = data.getFloat(base + 4 * i);
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dotF32(data, rowOffset(row), x, xOff, cols);
  }
}
