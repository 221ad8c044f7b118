package dev.llmkit.local.internal.tensor;

import dev.llmkit.local.internal.gguf.GgmlType;
import java.nio.ByteBuffer;

/**
 * Q5_K: super-blocks of 256 elements, 176 bytes: {@code d}, {@code dmin} (F16), 12 bytes of packed
 * scales and mins (as Q4_K), 32 bytes {@code qh} of fifth bits, 128 bytes {@code qs} of low nibbles.
 * Element {@code 64c + l} (l &lt; 32) is the low nibble of {@code qs[32c + l]} plus 16 × bit 2c of
 * {@code qh[l]}; element {@code 64c + 32 + l} the high nibble plus 16 × bit 2c+1.
 */
public final class Q5_KTensor extends FloatTensor {
  static final int BLOCK_BYTES = 176;

  Q5_KTensor(ByteBuffer data, int rows, int cols) {
    super(data, rows, cols, GgmlType.Q5_K);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q5_K;
  }

  @Override
  public float getFloat(long index) {
    int block = (int) (index / 256) * BLOCK_BYTES;
    int i = (int) (index % 256);
    int chunk = i / 64;
    int r = i % 64;
    int l = r % 32;
    int sub = 2 * chunk + (r >= 32 ? 1 : 0);
    int q = data.get(block + 48 + 32 * chunk + l) & 0xFF;
    int high = ((data.get(block + 16 + l) & 0xFF) >>> sub) & 1;
    int value = (r < 32 ? q & 0x0F : q >>> 4) | (high << 4);
    float d = Float16.toFloat(data.getShort(block));
    float dmin = Float16.toFloat(data.getShort(block + 2));
    return d * KQuants.scale(data, block + 4, sub) * value - dmin * KQuants.min(data, block + 4, sub);
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
        for (int l = 0; l < 32; l++) {
          int q = data.get(block + 48 + 32 * c + l) & 0xFF;
          int h = data.get(block + 16 + l) & 0xFF;
          int lo = (q & 0x0F) | (((h >>> (2 * c)) & 1) << 4);
          int hi = (q >>> 4) | (((h >>> (2 * c + 1)) & 1) << 4);
          out[o + l] = d * scales[2 * c] * lo - dmin * mins[2 * c];
          out[o + 32 + l] = d * scales[2 * c + 1] * hi - dmin * mins[2 * c + 1];
        }
      }
    }
  }

  @Override
  public float dot(Kernels kernels, int row, float[] x, int xOff) {
    return kernels.dotQ5_K(data, rowOffset(row), x, xOff, cols);
  }
}
