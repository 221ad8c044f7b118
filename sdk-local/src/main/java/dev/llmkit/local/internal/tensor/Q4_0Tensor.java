package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Q4_0: blocks of 32 elements, 18 bytes: {@code d} (F16) then 16 bytes; byte i holds element i in
 * its low nibble and element i + 16 in its high nibble; element = d × (nibble − 8).
 *
 * <p>On-heap form, as {@link Q8_0Tensor}'s: the 16 quant bytes of each block copied to a {@code
 * byte[]}, the scales decoded to a {@code float[]}.
 */
public final class Q4_0Tensor extends FloatTensor {
  static final int BLOCK_BYTES = 18;

  private final byte @Nullable [] quants;
  private final float @Nullable [] scales;

  Q4_0Tensor(ByteBuffer data, int rows, int cols) {
    this(data, rows, cols, false);
  }

  /**
   * With {@code onHeap}, copies the weights to heap arrays (rows × cols / 2 must fit in an array).
   */
  Q4_0Tensor(ByteBuffer data, int rows, int cols, boolean onHeap) {
    super(data, rows, cols, GgmlType.Q4_0);
    if (!onHeap) {
      this.quants = null;
      this.scales = null;
      return;
    }
    int blocks = Math.toIntExact((long) rows * cols / 32);
    byte[] q = new byte[Math.multiplyExact(blocks, 16)];
    float[] d = new float[blocks];
    for (int k = 0; k < blocks; k++) {
      int block = k * BLOCK_BYTES;
      d[k] = Float16.toFloat(this.data.getShort(block));
      this.data.get(block + 2, q, k * 16, 16);
    }
    this.quants = q;
    this.scales = d;
  }

  /** Heap bytes of the on-heap form of a tensor of {@code elements} elements. */
  static long heapBytes(long elements) {
    return elements / 2 + elements / 32 * 4;
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_0;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 32) * BLOCK_BYTES;
    int i = (int) (index % 32);
    int q = data.get(block + 2 + (i & 15)) & 0xFF;
    int nibble = i < 16 ? q & 0x0F : q >>> 4;
    return Float16.toFloat(data.getShort(block)) * (nibble - 8);
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    byte[] heapQuants = quants;
    float[] heapScales = scales;
    if (heapQuants != null && heapScales != null) {
      int block0 = row * (cols / 32);
      for (int b = 0; b < cols / 32; b++) {
        float scale = heapScales[block0 + b];
        int qb = (block0 + b) * 16;
        int o = outOff + b * 32;
        for (int i = 0; i < 16; i++) {
          int v = heapQuants[qb + i] & 0xFF;
          out[o + i] = scale * ((v & 0x0F) - 8);
          out[o + 16 + i] = scale * ((v >>> 4) - 8);
        }
      }
      return;
    }
    int base = rowOffset(row);
    for (int b = 0; b < cols / 32; b++) {
      int block = base + b * BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      int o = outOff + b * 32;
      for (int i = 0; i < 16; i++) {
        int q = data.get(block + 2 + i) & 0xFF;
        out[o + i] = d * ((q & 0x0F) - 8);
        out[o + 16 + i] = d * ((q >>> 4) - 8);
      }
    }
  }

  /** Whether the weights were copied to heap arrays; otherwise they are read from the mapping. */
  @Override
  boolean onHeap() {
    return quants != null;
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    byte[] q = quants;
    float[] d = scales;
    if (q != null && d != null) {
      int block = row * (cols / 32);
      return kernels.dotQ4_0(q, block * 16, d, block, x, xOff, cols);
    }
    return kernels.dotQ4_0(data, rowOffset(row), x, xOff, cols);
  }
}
