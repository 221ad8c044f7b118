package dev.llmkit.local.internal.embedding;

/**
 * GELU as BERT defines it, {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}, with erf from Abramowitz and
 * Stegun 7.1.26 (absolute error below 1.5e-7, below float precision of the result).
 */
final class Gelu {
  private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);

  private Gelu() {}

  static float apply(float x) {
    return (float) (0.5 * x * (1.0 + erf(x * INV_SQRT2)));
  }

  static double erf(double x) {
    double sign = Math.signum(x);
    double a = Math.abs(x);
    double t = 1.0 / (1.0 + 0.3275911 * a);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
        + t * (-1.453152027 + t * 1.061405429))));
    return sign * (1.0 - poly * Math.exp(-a * a));
  }
}
