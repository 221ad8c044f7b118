package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Every one of the 65,536 half-precision patterns converts to the float the IEEE 754 definition
 * gives (sign, exponent bias 15, subnormals as mantissa × 2<sup>-24</sup>), bit for bit, and — on
 * JDK 20 and newer — to what {@code Float.float16ToFloat} gives; and the round trip through {@link
 * Float16#fromFloat} returns every finite pattern.
 */
class Float16Test {

  /** The IEEE 754 binary16 value of {@code bits}, straight from its definition. */
  private static float ieee(int bits) {
    int sign = (bits >>> 15) & 1;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    float magnitude;
    if (exponent == 0x1F) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else if (exponent == 0) {
      magnitude = Math.scalb((float) mantissa, -24);
    } else {
      magnitude = Math.scalb(1 + mantissa / 1024f, exponent - 15);
    }
    return sign == 0 ? magnitude : -magnitude;
  }

  @Test
  void everyPatternIsItsIeeeValue() {
    int nans = 0;
    for (int h = 0; h < 1 << 16; h++) {
      float got = Float16.toFloat((short) h);
      float want = ieee(h);
      if (Float.isNaN(want)) {
        assertThat(got).as("half 0x%04x", h).isNaN();
        nans++;
        continue;
      }
      assertThat(Float.floatToRawIntBits(got))
          .as("half 0x%04x: %s, expected %s", h, got, want)
          .isEqualTo(Float.floatToRawIntBits(want));
    }
    assertThat(nans).isEqualTo(2 * 1023);
    assertThat(Float16.toFloat((short) 0x8000)).isEqualTo(-0.0f); // the sign of zero is kept
    assertThat(Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(Float16.toFloat((short) 0x7BFF)).isEqualTo(65504f);
  }

  @Test
  void agreesWithTheJdkWhereItHasAConversion() throws Exception {
    Method jdk;
    try {
      jdk = Float.class.getMethod("float16ToFloat", short.class);
    } catch (NoSuchMethodException e) {
      return; // JDK 17-19: the definition above is the reference
    }
    for (int h = 0; h < 1 << 16; h++) {
      float want = (float) jdk.invoke(null, (short) h);
      float got = Float16.toFloat((short) h);
      if (Float.isNaN(want)) {
        assertThat(got).as("half 0x%04x", h).isNaN();
      } else {
        assertThat(Float.floatToRawIntBits(got))
            .as("half 0x%04x", h)
            .isEqualTo(Float.floatToRawIntBits(want));
      }
    }
  }

  @Test
  void everyFinitePatternSurvivesTheRoundTrip() {
    for (int h = 0; h < 1 << 16; h++) {
      if (((h >>> 10) & 0x1F) == 0x1F) {
        continue;
      }
      assertThat(Float16.fromFloat(Float16.toFloat((short) h)) & 0xFFFF)
          .as("half 0x%04x", h)
          .isEqualTo(h);
    }
  }
}
