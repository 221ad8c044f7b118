package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Q6_K: super-blocks of 256 elements, 210 bytes: {@code ql[128]} low nibbles, {@code qh[64]} high
 * 2-bit pairs, 16 signed 8-bit scales (one per 16 elements), {@code d} (F16) last. Each half h of
 * 128 elements uses {@code ql[64h ..]}, {@code qh[32h ..]}, {@code scales[8h ..]}; within it group
 * g (0..3) of 32 elements takes the low (g &lt; 2) or high nibble of {@code ql[32(g % 2) + l]} and
 * bits {@code 2g, 2g+1} of {@code qh[l]}. Element = d × scale × (q − 32).
 *
 * <p>On-heap form (see {@link FloatTensor#of(dev.llmkit.local.internal.gguf.GgufFile,
 * dev.llmkit.local.internal.gguf.TensorInfo)}): {@code ql} and {@code qh} of each super-block
 * copied to a {@code byte[]}, its 16 scales times {@code d} to a {@code float[]}.
 */
public final class Q6_KTensor extends FloatTensor {
  static final int BLOCK_BYTES = 210;

  private final byte @Nullable [] quants;
  private final float @Nullable [] scales;

  Q6_KTensor(ByteBuffer data, int rows, int cols) {
    this(data, rows, cols, false);
  }

  /**
   * With {@code onHeap}, copies the weights to heap arrays (rows × cols × 3/4 must fit in an
   * array).
   */
  Q6_KTensor(ByteBuffer data, int rows, int cols, boolean onHeap) {
    super(data, rows, cols, GgmlType.Q6_K);
    if (!onHeap) {
      this.quants = null;
      this.scales = null;
      return;
    }
    int blocks = Math.toIntExact((long) rows * cols / 256);
    byte[] q = new byte[Math.multiplyExact(blocks, 192)];
    float[] s = new float[Math.multiplyExact(blocks, 16)];
    for (int k = 0; k < blocks; k++) {
      int block = k * BLOCK_BYTES;
      float d = Float16.toFloat(this.data.getShort(block + 208));
      for (int j = 0; j < 16; j++) {
        s[16 * k + j] = d * this.data.get(block + 192 + j);
      }
      this.data.get(block, q, k * 192, 192);
    }
    this.quants = q;
    this.scales = s;
  }

  /** Whether the weights were copied to heap arrays (the dot products read those). */
  boolean onHeap() {
    return quants != null;
  }

  /** Heap bytes of the on-heap form of a tensor of {@code elements} elements. */
  static long heapBytes(long elements) {
    return elements / 256 * (192 + 64);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 256) * BLOCK_BYTES;
    int i = (int) (index % 256);
    int half = i / 128;
    int g = (i % 128) / 32;
    int l = i % 32;
    int low = data.get(block + 64 * half + 32 * (g % 2) + l) & 0xFF;
    int nibble = g < 2 ? low & 0x0F : low >>> 4;
    int high = ((data.get(block + 128 + 32 * half + l) & 0xFF) >>> (2 * g)) & 3;
    int scale = data.get(block + 192 + 8 * half + l / 16 + 2 * g);
    return Float16.toFloat(data.getShort(block + 208)) * scale * ((nibble | (high << 4)) - 32);
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int base = rowOffset(row);
    for (int b = 0; b < cols / 256; b++) {
      int block = base + b * BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        int sc = block + 192 + 8 * half;
        int o = outOff + b * 256 + 128 * half;
        long scales = data.getLong(sc);
        for (int k = 0; k < 4; k++) {
          // one buffer read per 8 bytes of each array
          long lowA = data.getLong(ql + 8 * k);
          long lowC = data.getLong(ql + 32 + 8 * k);
          long high = data.getLong(qh + 8 * k);
          int s = k / 2; // scale group of elements l = 8k .. 8k + 7
          float d0 = d * (byte) (scales >>> (8 * s));
          float d2 = d * (byte) (scales >>> (8 * (s + 2)));
          float d4 = d * (byte) (scales >>> (8 * (s + 4)));
          float d6 = d * (byte) (scales >>> (8 * (s + 6)));
          for (int t = 0; t < 8; t++) {
            int l = 8 * k + t;
            int a = (int) (lowA >>> (8 * t)) & 0xFF;
            int c = (int) (lowC >>> (8 * t)) & 0xFF;
            int h = (int) (high >>> (8 * t)) & 0xFF;
            out[o + l] = d0 * (((a & 0x0F) | ((h & 3) << 4)) - 32);
            out[o + 32 + l] = d2 * (((c & 0x0F) | (((h >>> 2) & 3) << 4)) - 32);
            out[o + 64 + l] = d4 * (((a >>> 4) | (((h >>> 4) & 3) << 4)) - 32);
            out[o + 96 + l] = d6 * (((c >>> 4) | (((h >>> 6) & 3) << 4)) - 32);
          }
        }
      }
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    byte[] q = quants;
    float[] s = scales;
    if (q != null && s != null) {
      int block = row * (cols / 256);
      return kernels.dotQ6_K(q, block * 192, s, block * 16, x, xOff, cols);
    }
    return kernels.dotQ6_K(data, rowOffset(row), x, xOff, cols);
  }
}
