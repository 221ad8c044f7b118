package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/** F16 elements, 2 bytes each, little-endian. */
public final class F16Tensor extends FloatTensor {
  F16Tensor(ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, GgmlType.F16);
  }

  @Override
  public GgmlType type() {
    return GgmlType.F16;
  }

  @Override
  public float getFloat(long index) {
    return Float16.toFloat(data.getShort((int) (index * 2)));
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int i = 0; i < cols; i++) {
      out[outOff + i] = Float16.toFloat(data.getShort(base + 2 * i));
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dotF16(data, rowOffset(row), x, xOff, cols);
  }
}
