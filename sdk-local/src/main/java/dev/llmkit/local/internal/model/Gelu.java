package dev.llmkit.local.internal.model;

/**
 * GELU as BERT defines it, {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}.
 *
 * <p>erf is read from a table of {@value #STEPS_PER_UNIT} steps per unit over [0, {@value #RANGE}]
 * with linear interpolation (absolute error below 5e-7, under float precision of the result; beyond
 * the range erf is ±1 in float). The table is filled from Abramowitz and Stegun 7.1.26 (absolute
 * error below 1.5e-7), so no exponential is computed per element.
 */
final class Gelu {
  private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
  static final int STEPS_PER_UNIT = 512;
  static final int RANGE = 5;
  private static final float[] ERF = erfTable();

  /**
   * Filled in a local array: in a static initialiser every read of the class's own static fields
   * takes the interpreter's slow path until initialisation ends (see {@code Float16}).
   */
  private static float[] erfTable() {
    float[] table = new float[RANGE * STEPS_PER_UNIT + 2];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) erf((double) i / STEPS_PER_UNIT);
    }
    return table;
  }

  private Gelu() {}

  static float apply(float x) {
    float a = Math.abs(x) * (float) INV_SQRT2 * STEPS_PER_UNIT;
    float e;
    if (a >= RANGE * STEPS_PER_UNIT) {
      e = 1f;
    } else {
      int i = (int) a;
      float f = a - i;
      e = ERF[i] + f * (ERF[i + 1] - ERF[i]);
    }
    return 0.5f * x * (1f + (x < 0 ? -e : e));
  }

  /** erf by Abramowitz and Stegun 7.1.26. */
  static double erf(double x) {
    double sign = Math.signum(x);
    double a = Math.abs(x);
    double t = 1.0 / (1.0 + 0.3275911 * a);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return sign * (1.0 - poly * Math.exp(-a * a));
  }
}
