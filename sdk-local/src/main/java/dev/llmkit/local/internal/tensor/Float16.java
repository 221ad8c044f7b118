package dev.llmkit.local.internal.tensor;

/** IEEE half-precision and bfloat16 conversions (Java 17 has no Float.float16ToFloat). */
public final class Float16 {
  private static final float[] TABLE = table();

  private Float16() {}

  /**
   * The 65,536 halves as floats, filled by ranges in a local array: this runs interpreted in the
   * first model's load, where a call per entry, or any read of a static field of a class still
   * being initialised (which takes the interpreter's slow path every time), took 15-20 ms.
   */
  private static float[] table() {
    float[] table = new float[1 << 16];
    for (int sign = 0; sign < 2; sign++) {
      int half = sign << 15;
      for (int mant = 0; mant < 1024; mant++) { // zero and subnormals: mant x 2^-24
        table[half | mant] = sign == 0 ? mant * 0x1p-24f : -(mant * 0x1p-24f);
      }
      for (int exp = 1; exp < 31; exp++) { // normals: (1024 + mant) x 2^(exp - 25), all exact
        float step = Math.scalb(sign == 0 ? 1f : -1f, exp - 25);
        float base = 1024 * step;
        int at = half | exp << 10;
        for (int mant = 0; mant < 1024; mant++) {
          table[at + mant] = base + mant * step;
        }
      }
      table[half | 31 << 10] = sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
      for (int mant = 1; mant < 1024; mant++) {
        table[half | 31 << 10 | mant] = sign == 0 ? Float.NaN : -Float.NaN;
      }
    }
    return table;
  }

  /** Half-precision bits to float, by table. */
  public static float toFloat(short bits) {
    return TABLE[bits & 0xFFFF];
  }

  /** bfloat16 bits to float. */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
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
