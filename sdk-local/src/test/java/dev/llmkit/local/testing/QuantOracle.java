package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.tensor.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Test-side knowledge of ggml block layouts, written independently of the engine: random valid
 * blocks and a plain dequantizer used as an oracle.
 */
public final class QuantOracle {
  private QuantOracle() {}

  /** Random tensor bytes of {@code elements} elements with sane block scales. */
  public static byte[] random(GgmlType type, int elements, Random random) {
    return random(type, elements, random, 1f);
  }

  /** Random tensor bytes; float values and block scales are multiplied by {@code scale}. */
  public static byte[] random(GgmlType type, int elements, Random random, float scale) {
    ByteBuffer b =
        ByteBuffer.allocate((int) type.byteSize(elements)).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32:
        for (int i = 0; i < elements; i++) {
          b.putFloat(scale * (float) random.nextGaussian());
        }
        break;
      case F16:
        for (int i = 0; i < elements; i++) {
          b.putShort(Float16.fromFloat(scale * (float) random.nextGaussian()));
        }
        break;
      case BF16:
        for (int i = 0; i < elements; i++) {
          b.putShort((short) (Float.floatToIntBits(scale * (float) random.nextGaussian()) >>> 16));
        }
        break;
      default:
        random.nextBytes(b.array());
        int blocks = elements / type.blockSize();
        for (int k = 0; k < blocks; k++) {
          int at = k * type.typeSize();
          if (type == GgmlType.Q6_K) {
            b.putShort(at + 208, scale(random, scale));
          } else if (type == GgmlType.Q2_K) {
            b.putShort(at + 80, scale(random, scale));
            b.putShort(at + 82, scale(random, scale));
          } else if (type == GgmlType.Q3_K) {
            b.putShort(at + 108, scale(random, scale));
          } else {
            b.putShort(at, scale(random, scale));
            if (type == GgmlType.Q4_K
                || type == GgmlType.Q5_K
                || type == GgmlType.Q4_1
                || type == GgmlType.Q5_1) {
              b.putShort(at + 2, scale(random, scale));
            }
          }
        }
    }
    return b.array();
  }

  private static short scale(Random random, float factor) {
    float s = factor * (0.002f + 0.03f * random.nextFloat());
    return Float16.fromFloat(random.nextBoolean() ? s : -s);
  }

  /** Dequantizes {@code elements} elements with straightforward per-element decoding. */
  public static float[] dequantize(GgmlType type, byte[] bytes, int elements) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[elements];
    for (int i = 0; i < elements; i++) {
      int blk = i / type.blockSize();
      int at = blk * type.typeSize();
      int k = i % type.blockSize();
      out[i] = element(type, b, at, k, i);
    }
    return out;
  }

  private static float half(ByteBuffer b, int at) {
    return Float16.toFloat(b.getShort(at));
  }

  private static int u8(ByteBuffer b, int at) {
    return b.get(at) & 0xFF;
  }

  private static float element(GgmlType type, ByteBuffer b, int at, int k, int i) {
    switch (type) {
      case F32:
        return b.getFloat(4 * i);
      case F16:
        return half(b, 2 * i);
      case BF16:
        return Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
      case Q8_0:
        return half(b, at) * b.get(at + 2 + k);
      case Q4_0:
        {
          int byteVal = u8(b, at + 2 + k % 16);
          int q = k < 16 ? byteVal % 16 : byteVal / 16;
          return half(b, at) * (q - 8);
        }
      case Q4_1:
        {
          int byteVal = u8(b, at + 4 + k % 16);
          int q = k < 16 ? byteVal % 16 : byteVal / 16;
          return half(b, at) * q + half(b, at + 2);
        }
      case Q5_0:
      case Q5_1:
        {
          boolean withMin = type == GgmlType.Q5_1;
          int qhAt = withMin ? at + 4 : at + 2;
          long fifthBits = b.getInt(qhAt) & 0xFFFFFFFFL;
          int byteVal = u8(b, qhAt + 4 + k % 16);
          int q = (k < 16 ? byteVal % 16 : byteVal / 16) + 16 * (int) ((fifthBits >> k) & 1);
          return withMin ? half(b, at) * q + half(b, at + 2) : half(b, at) * (q - 16);
        }
      case Q4_K:
      case Q5_K:
        {
          // super-block of 8 sub-blocks of 32; 64-element group g shares 32 quant bytes
          int sub = k / 32;
          int group = k / 64;
          int l = k % 32;
          int qsStart = type == GgmlType.Q4_K ? 16 : 48;
          int packed = u8(b, at + qsStart + 32 * group + l);
          int q = sub % 2 == 0 ? packed % 16 : packed / 16;
          if (type == GgmlType.Q5_K) {
            q += ((u8(b, at + 16 + l) >> sub) & 1) * 16;
          }
          int[] sm = scaleMin(b, at + 4, sub);
          return half(b, at) * sm[0] * q - half(b, at + 2) * sm[1];
        }
      case Q6_K:
        {
          int half = k / 128;
          int r = k % 128;
          int quarter = r / 32;
          int l = r % 32;
          int lowByte = u8(b, at + 64 * half + (quarter % 2 == 1 ? 32 : 0) + l);
          int low = quarter < 2 ? lowByte % 16 : lowByte / 16;
          int high = (u8(b, at + 128 + 32 * half + l) >> (2 * quarter)) % 4;
          int scaleIndex = 8 * half + 2 * quarter + l / 16;
          return half(b, at + 208) * b.get(at + 192 + scaleIndex) * (low + 16 * high - 32);
        }
      case Q2_K:
        {
          // 16 sub-blocks of 16; element k: 128-element half h, 2-bit field f of byte 32h + k % 32
          int h = k / 128;
          int f = (k % 128) / 32;
          int packed = u8(b, at + 16 + 32 * h + k % 32);
          int q = (packed >> (2 * f)) % 4;
          int scaleByte = u8(b, at + k / 16);
          return half(b, at + 80) * (scaleByte % 16) * q - half(b, at + 82) * (scaleByte / 16);
        }
      case Q3_K:
        {
          int h = k / 128;
          int f = (k % 128) / 32;
          int low = (u8(b, at + 32 + 32 * h + k % 32) >> (2 * f)) % 4;
          boolean high = ((u8(b, at + k % 32) >> (4 * h + f)) & 1) == 1;
          int sub = k / 16;
          int lowScale = sub < 8 ? u8(b, at + 96 + sub) % 16 : u8(b, at + 96 + sub - 8) / 16;
          int highScale = (u8(b, at + 104 + sub % 4) >> (2 * (sub / 4))) % 4;
          int scale = lowScale + 16 * highScale - 32;
          return half(b, at + 108) * scale * (high ? low : low - 4);
        }
      case IQ4_NL:
        {
          int[] grid = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
          int byteVal = u8(b, at + 2 + k % 16);
          return half(b, at) * grid[k < 16 ? byteVal % 16 : byteVal / 16];
        }
      case IQ4_XS:
        {
          // 8 sub-blocks of 32: 6-bit scale from scales_l (nibbles) and scales_h (2-bit fields)
          int sub = k / 32;
          int lowScale = (u8(b, at + 4 + sub / 2) >> (sub % 2 == 0 ? 0 : 4)) % 16;
          int highScale = ((b.getShort(at + 2) & 0xFFFF) >> (2 * sub)) % 4;
          int[] grid = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
          int r = k % 32;
          int byteVal = u8(b, at + 8 + 16 * sub + r % 16);
          float dl = half(b, at) * (lowScale + 16 * highScale - 32);
          return dl * grid[r < 16 ? byteVal % 16 : byteVal / 16];
        }
      default:
        throw new IllegalArgumentException("no oracle for " + type);
    }
  }

  /** {scale, min} of sub-block j: 6-bit values packed in 12 bytes. */
  private static int[] scaleMin(ByteBuffer b, int at, int j) {
    int[] s = new int[12];
    for (int i = 0; i < 12; i++) {
      s[i] = u8(b, at + i);
    }
    if (j < 4) {
      return new int[] {s[j] % 64, s[j + 4] % 64};
    }
    int scale = s[j + 4] % 16 + (s[j - 4] / 64) * 16;
    int min = s[j + 4] / 16 + (s[j] / 64) * 16;
    return new int[] {scale, min};
  }
}
