package dev.llmkit.benchmarks;

import java.util.Locale;
import java.util.Random;

/**
 * Rows of seeded random weights in a ggml block layout. Quantized blocks hold random codes with
 * scales chosen so that the weights have a standard deviation of roughly {@link #SIGMA}: the
 * numbers are meaningless, the shapes, byte layouts and therefore the work per token are real.
 */
enum RandomRows {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q5_0(6, 32, 22),
  Q8_0(8, 32, 34),
  Q4_K(12, 256, 144),
  Q6_K(14, 256, 210);

  static final float SIGMA = 0.02f;

  /** The ggml type id (GGUF tensor info). */
  final int typeId;

  /** Elements per block. */
  final int blockSize;

  /** Bytes per block. */
  final int blockBytes;

  RandomRows(int typeId, int blockSize, int blockBytes) {
    this.typeId = typeId;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  static RandomRows of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tensor type " + name + "; use one of F32, F16, Q4_0," + " Q5_0, Q8_0, Q4_K, Q6_K", e);
    }
  }

  long rowBytes(int cols) {
    if (cols % blockSize != 0) {
      throw new IllegalArgumentException(
          this + " rows need a multiple of " + blockSize + " columns, not " + cols);
    }
    return (long) cols / blockSize * blockBytes;
  }

  /** Fills {@code row} ({@link #rowBytes} long) with one row of {@code cols} random weights. */
  void fill(byte[] row, int cols, Random random) {
    int blocks = cols / blockSize;
    switch (this) {
      case F32:
        for (int i = 0; i < cols; i++) {
          putF32(row, 4 * i, uniform(random));
        }
        break;
      case F16:
        for (int i = 0; i < cols; i++) {
          putF16(row, 2 * i, uniform(random));
        }
        break;
      case Q8_0:
        // f16 scale, 32 int8 codes; uniform codes in [-127, 127] have sd ≈ 73.3
        random.nextBytes(row);
        for (int b = 0; b < blocks; b++) {
          putF16(row, 34 * b, SIGMA / 73.3f);
          for (int i = 2; i < 34; i++) {
            if (row[34 * b + i] == -128) {
              row[34 * b + i] = -127;
            }
          }
        }
        break;
      case Q4_0:
        // f16 scale, 16 bytes of nibble pairs; (nibble - 8) has sd ≈ 4.6
        random.nextBytes(row);
        for (int b = 0; b < blocks; b++) {
          putF16(row, 18 * b, SIGMA / 4.6f);
        }
        break;
      case Q5_0:
        // f16 scale, 4 bytes of high bits, 16 bytes of nibbles; (q - 16) has sd ≈ 9.2
        random.nextBytes(row);
        for (int b = 0; b < blocks; b++) {
          putF16(row, 22 * b, SIGMA / 9.2f);
        }
        break;
      case Q4_K:
        // f16 d, f16 dmin, 12 bytes of 6-bit scales and mins, 128 bytes of nibbles:
        // w = d * sc * q - dmin * m with sc, m in [0, 63] (mean 31.5) and q in [0, 15] (sd 4.6)
        random.nextBytes(row);
        for (int b = 0; b < blocks; b++) {
          putF16(row, 144 * b, SIGMA / (31.5f * 4.6f));
          putF16(row, 144 * b + 2, SIGMA * 7.5f / 31.5f / 4.6f);
        }
        break;
      case Q6_K:
        // 128 bytes low nibbles, 64 bytes high bits, 16 int8 scales, f16 d; scales kept in
        // [-16, 15] so that d stays a normal half: w = d * sc * (q - 32), (q - 32) sd ≈ 18.5
        random.nextBytes(row);
        for (int b = 0; b < blocks; b++) {
          for (int s = 0; s < 16; s++) {
            row[210 * b + 192 + s] = (byte) (row[210 * b + 192 + s] >> 3);
          }
          putF16(row, 210 * b + 208, SIGMA / (9.2f * 18.5f));
        }
        break;
      default:
        throw new AssertionError(this);
    }
  }

  static void putF32(byte[] b, int off, float v) {
    int bits = Float.floatToIntBits(v);
    b[off] = (byte) bits;
    b[off + 1] = (byte) (bits >> 8);
    b[off + 2] = (byte) (bits >> 16);
    b[off + 3] = (byte) (bits >> 24);
  }

  static void putF16(byte[] b, int off, float v) {
    short h = toHalf(v);
    b[off] = (byte) h;
    b[off + 1] = (byte) (h >> 8);
  }

  private static float uniform(Random random) {
    // uniform on [-a, a] with sd SIGMA: a = SIGMA * sqrt(3)
    return (random.nextFloat() * 2f - 1f) * SIGMA * 1.7320508f;
  }

  /** Float to IEEE half, round-toward-zero; tiny values flush to zero (fine for random weights). */
  static short toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
    int mant = (bits >>> 13) & 0x3FF;
    if (exp <= 0) {
      return (short) sign;
    }
    if (exp >= 31) {
      return (short) (sign | 0x7BFF);
    }
    return (short) (sign | (exp << 10) | mant);
  }
}
