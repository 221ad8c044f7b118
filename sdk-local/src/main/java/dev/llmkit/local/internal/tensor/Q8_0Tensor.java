package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Q8_0: blocks of 32 elements, 34 bytes: {@code d} (F16) then 32 signed bytes {@code q}; element =
 * d × q.
 *
 * <p>On-heap form (see {@link FloatTensor#of(dev.llmkit.local.internal.gguf.GgufFile,
 * dev.llmkit.local.internal.gguf.TensorInfo)}): the quants are also copied to a {@code byte[]} and
 * the scales decoded to a {@code float[]}, and dot products read those.
 */
public final class Q8_0Tensor extends FloatTensor {
  static final int BLOCK_BYTES = 34;

  private final byte @Nullable [] quants;
  private final float @Nullable [] scales;

  Q8_0Tensor(ByteBuffer data, int rows, int cols) {
    this(data, rows, cols, false);
  }

  /** With {@code onHeap}, copies the weights to heap arrays (rows × cols must fit in an array). */
  Q8_0Tensor(ByteBuffer data, int rows, int cols, boolean onHeap) {
    super(data, rows, cols, GgmlType.Q8_0);
    if (!onHeap) {
      this.quants = null;
      this.scales = null;
      return;
    }
    int blocks = Math.toIntExact((long) rows * cols / 32);
    byte[] q = new byte[Math.multiplyExact(blocks, 32)];
    float[] d = new float[blocks];
    for (int k = 0; k < blocks; k++) {
      int block = k * BLOCK_BYTES;
      d[k] = Float16.toFloat(this.data.getShort(block));
      this.data.get(block + 2, q, k * 32, 32);
    }
    this.quants = q;
    this.scales = d;
  }

  /** Whether the weights were copied to heap arrays; otherwise they are read from the mapping. */
  @Override
  boolean onHeap() {
    return quants != null;
  }

  /** Heap bytes of the on-heap form of a rows × cols tensor. */
  static long heapBytes(long elements) {
    return elements + elements / 32 * 4;
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
    byte[] heapQuants = quants;
    float[] heapScales = scales;
    if (heapQuants != null && heapScales != null) {
      int at = row * cols;
      for (int b = 0; b < cols / 32; b++) {
        float scale = heapScales[at / 32 + b];
        int qb = at + b * 32;
        int o = outOff + b * 32;
        for (int i = 0; i < 32; i++) {
          out[o + i] = scale * heapQuants[qb + i];
        }
      }
      return;
    }
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
    byte[] q = quants;
    float[] d = scales;
    if (q != null && d != null) {
      int at = row * cols;
      return kernels.dotQ8_0(q, at, d, at / 32, x, xOff, cols);
    }
    return kernels.dotQ8_0(data, rowOffset(row), x, xOff, cols);
  }
}
