package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * A tensor of any {@link BlockFormat}: rows of whole blocks, decoded and multiplied by the format
 * and the kernels. Types with an on-heap form or hand-tuned kernels have their own tensor class.
 */
public final class BlockTensor extends FloatTensor {
  private final BlockFormat format;

  BlockTensor(BlockFormat format, ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, format.type());
    this.format = format;
  }

  @Override
  public GgmlType type() {
    return format.type();
  }

  BlockFormat format() {
    return format;
  }

  @Override
  public float getFloat(long index) {
    float[] block = new float[format.blockSize];
    long blockIndex = index / format.blockSize;
    format.decode(data, Math.toIntExact(blockIndex * format.blockBytes), block, 0);
    return block[(int) (index % format.blockSize)];
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int b = 0; b < cols / format.blockSize; b++) {
      format.decode(data, base + b * format.blockBytes, out, outOff + b * format.blockSize);
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dot(format, data, rowOffset(row), x, xOff, cols);
  }
}
