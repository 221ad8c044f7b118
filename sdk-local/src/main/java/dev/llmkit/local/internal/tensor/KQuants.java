package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;

/** Shared pieces of the K-quant block layouts (blocks of 256 elements, 8 sub-blocks of 32). */
final class KQuants {
  private KQuants() {}

  /**
   * Unpacks the 12 bytes of 6-bit scales and mins of Q4_K and Q5_K: sub-blocks 0..3 keep the low 6
   * bits of bytes 0..3 (scales) and 4..7 (mins); sub-blocks 4..7 take their low 4 bits from bytes
   * 8..11 and their top 2 bits from the top bits of bytes 0..7.
   */
  static void unpackScales(ByteBuffer w, int at, int[] scales, int[] mins) {
    // bytes 0..7 and 8..11: two buffer reads instead of twelve
    unpackScales(w.getLong(at), w.getInt(at + 8), scales, mins);
  }

  /** {@link #unpackScales(ByteBuffer, int, int[], int[])} from a heap copy of the block. */
  static void unpackScales(byte[] w, int at, int[] scales, int[] mins) {
    unpackScales(WeightBytes.getLong(w, at), WeightBytes.getInt(w, at + 8), scales, mins);
  }

  /**
   * The eight scales and mins from the packed bytes 0..7 ({@code low}) and 8..11 ({@code high}).
   */
  private static void unpackScales(long low, int high, int[] scales, int[] mins) {
    for (int j = 0; j < 4; j++) {
      int sj = (int) (low >>> (8 * j)) & 0xFF;
      int mj = (int) (low >>> (8 * j + 32)) & 0xFF;
      int packed = (high >>> (8 * j)) & 0xFF;
      scales[j] = sj & 63;
      mins[j] = mj & 63;
      scales[j + 4] = (packed & 0x0F) | ((sj >>> 6) << 4);
      mins[j + 4] = (packed >>> 4) | ((mj >>> 6) << 4);
    }
  }

  /** 6-bit scale of sub-block {@code j} (0..7) from the 12 packed bytes at {@code at}. */
  static int scale(ByteBuffer w, int at, int j) {
    if (j < 4) {
      return w.get(at + j) & 63;
    }
    return (w.get(at + j + 4) & 0x0F) | (((w.get(at + j - 4) & 0xFF) >>> 6) << 4);
  }

  /** 6-bit min of sub-block {@code j} (0..7) from the 12 packed bytes at {@code at}. */
  static int min(ByteBuffer w, int at, int j) {
    if (j < 4) {
      return w.get(at + j + 4) & 63;
    }
    return ((w.get(at + j + 4) & 0xFF) >>> 4) | (((w.get(at + j) & 0xFF) >>> 6) << 4);
  }

  /**
   * 6-bit scale of sub-block {@code j} (0..7) from the 12 packed bytes read as {@code low} (bytes
   * 0..7, little-endian) and {@code high} (bytes 8..11), as {@link #unpackScales} does.
   */
  static int scale(long low, int high, int j) {
    if (j < 4) {
      return (int) (low >>> (8 * j)) & 63;
    }
    int k = j - 4;
    return ((high >>> (8 * k)) & 0x0F) | ((((int) (low >>> (8 * k)) & 0xFF) >>> 6) << 4);
  }

  /** 6-bit min of sub-block {@code j}, as {@link #scale(long, int, int)}. */
  static int min(long low, int high, int j) {
    if (j < 4) {
      return (int) (low >>> (8 * j + 32)) & 63;
    }
    int k = j - 4;
    return ((high >>> (8 * k + 4)) & 0x0F) | ((((int) (low >>> (8 * k + 32)) & 0xFF) >>> 6) << 4);
  }
}
