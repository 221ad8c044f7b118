package dev.llmkit.local.internal.tensor;

/** IEEE half-precision and bfloat16 conversions (Java 17 has no Float.float16ToFloat). */
public final class Float16 {
  private static final float[] TABLE = new float[1 << 16];

  static {
    for (int i = 0; i < TABLE.length; i++) {
      TABLE[i] = convert((short) i);
    }
  }

  private Float16() {}

  /** Half-precision bits to float, by table. */
  public static float toFloat(short bits) {
    return TABLE[bits & 0xFFFF];
  }

  /** bfloat16 bits to float. */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  private static float convert(short h) {
    int sign = (h >>> 15) & 1;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    float v;
    if (exp == 0) {
      v = mant * 0x1p-24f;
    } else if (exp == 31) {
      v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
    }
    return sign == 0 ? v : -v;
  }

  /**
   * Float to half-precision bits, rounded to nearest (ties away from zero); for writing tensors.
   */
  public static short fromFloat(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int val = (bits & 0x7fffffff) + 0x1000;
    if (val >= 0x47800000) {
      if ((bits & 0x7fffffff) >= 0x47800000) {
        if (val < 0x7f800000) {
          return (short) (sign | 0x7c00);
        }
        return (short) (sign | 0x7c00 | ((bits & 0x007fffff) >>> 13));
      }
      return (short) (sign | 0x7bff);
    }
    if (val >= 0x38800000) {
      return (short) (sign | ((val - 0x38000000) >>> 13));
    }
    if (val < 0x33000000) {
      return (short) sign;
    }
    val = (bits & 0x7fffffff) >>> 23;
    return (short)
        (sign | ((((bits & 0x7fffff) | 0x800000) + (0x800000 >>> (val - 102))) >>> (126 - val)));
  }
}
