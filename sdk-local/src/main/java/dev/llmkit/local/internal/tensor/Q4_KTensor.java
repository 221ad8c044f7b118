package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Q4_K: super-blocks of 256 elements, 144 bytes: {@code d} (F16), {@code dmin} (F16), 12 bytes of
 * packed 6-bit scales and mins for 8 sub-blocks of 32 (see {@link KQuants}), then 128 bytes of
 * 4-bit quants. Chunk c (0..3) of 64 elements uses bytes {@code qs[32c .. 32c+32)}: low nibbles are
 * sub-block 2c, high nibbles sub-block 2c+1. Element = d × scale × q − dmin × min.
 *
 * <p>On-heap form (see {@link FloatTensor#of(dev.llmkit.local.internal.gguf.GgufFile,
 * dev.llmkit.local.internal.gguf.TensorInfo)}): the quant bytes copied to a {@code byte[]} and, per
 * sub-block, {@code d × scale} and {@code −dmin × min} decoded to float arrays.
 */
public final class Q4_KTensor extends FloatTensor {
  static final int BLOCK_BYTES = 144;

  private final byte @Nullable [] quants;
  private final float @Nullable [] scales;
  private final float @Nullable [] mins;

  Q4_KTensor(ByteBuffer data, int rows, int cols) {
    this(data, rows, cols, false);
  }

  /**
   * With {@code onHeap}, copies the weights to heap arrays (rows × cols / 2 must fit in an array).
   */
  Q4_KTensor(ByteBuffer data, int rows, int cols, boolean onHeap) {
    super(data, rows, cols, GgmlType.Q4_K);
    if (!onHeap) {
      this.quants = null;
      this.scales = null;
      this.mins = null;
      return;
    }
    int blocks = Math.toIntExact((long) rows * cols / 256);
    byte[] q = new byte[Math.multiplyExact(blocks, 128)];
    float[] s = new float[Math.multiplyExact(blocks, 8)];
    float[] m = new float[s.length];
    int[] sc = new int[8];
    int[] mn = new int[8];
    for (int k = 0; k < blocks; k++) {
      int block = k * BLOCK_BYTES;
      float d = Float16.toFloat(this.data.getShort(block));
      float dmin = Float16.toFloat(this.data.getShort(block + 2));
      KQuants.unpackScales(this.data, block + 4, sc, mn);
      for (int j = 0; j < 8; j++) {
        s[8 * k + j] = d * sc[j];
        m[8 * k + j] = -dmin * mn[j];
      }
      this.data.get(block + 16, q, k * 128, 128);
    }
    this.quants = q;
    this.scales = s;
    this.mins = m;
  }

  /** Whether the weights were copied to heap arrays (the dot products read those). */
  boolean onHeap() {
    return quants != null;
  }

  /** Heap bytes of the on-heap form of a tensor of {@code elements} elements. */
  static long heapBytes(long elements) {
    return elements / 2 + elements / 256 * 64;
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_K;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 256) * BLOCK_BYTES;
    int i = (int) (index % 256);
    int chunk = i / 64;
    int r = i % 64;
    int sub = 2 * chunk + (r >= 32 ? 1 : 0);
    int q = data.get(block + 16 + 32 * chunk + r % 32) & 0xFF;
    int nibble = r < 32 ? q & 0x0F : q >>> 4;
    float d = Float16.toFloat(data.getShort(block));
    float dmin = Float16.toFloat(data.getShort(block + 2));
    return d * KQuants.scale(data, block + 4, sub) * nibble
        - dmin * KQuants.min(data, block + 4, sub);
  }

  @Override
  public void dequantizeRow(int row, float[] out, int outOff) {
    int[] scales = new int[8];
    int[] mins = new int[8];
    int base = rowOffset(row);
    for (int b = 0; b < cols / 256; b++) {
      int block = base + b * BLOCK_BYTES;
      float d = Float16.toFloat(data.getShort(block));
      float dmin = Float16.toFloat(data.getShort(block + 2));
      KQuants.unpackScales(data, block + 4, scales, mins);
      for (int c = 0; c < 4; c++) {
        int o = outOff + b * 256 + 64 * c;
        float scaleLo = d * scales[2 * c];
        float minLo = dmin * mins[2 * c];
        float scaleHi = d * scales[2 * c + 1];
        float minHi = dmin * mins[2 * c + 1];
        for (int k = 0; k < 4; k++) {
          long eight = data.getLong(block + 16 + 32 * c + 8 * k); // one buffer read per 8 bytes
          for (int t = 0; t < 8; t++) {
            int q = (int) (eight >>> (8 * t)) & 0xFF;
            int l = 8 * k + t;
            out[o + l] = scaleLo * (q & 0x0F) - minLo;
            out[o + 32 + l] = scaleHi * (q >>> 4) - minHi;
          }
        }
      }
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    byte[] q = quants;
    float[] s = scales;
    float[] m = mins;
    if (q != null && s != null && m != null) {
      int block = row * (cols / 256);
      return kernels.dotQ4_K(q, block * 128, s, m, block * 8, x, xOff, cols);
    }
    return kernels.dotQ4_K(data, rowOffset(row), x, xOff, cols);
  }
}
