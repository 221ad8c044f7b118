package dev.llmkit.local.internal.service;

import org.jspecify.annotations.Nullable;

/**
 * Sampling settings used when a request leaves them out. The defaults are llama.cpp's: temperature
 * 0.8, top-k 40, top-p 0.95, min-p 0.05, repetition penalty 1.0 (off), and a random seed.
 *
 * @param seed null: a fresh random seed per request
 */
public record SamplingDefaults(
    double temperature,
    int topK,
    double topP,
    double minP,
    double repeatPenalty,
    @Nullable Long seed) {

  public static SamplingDefaults llamaCpp() {
    return new SamplingDefaults(0.8, 40, 0.95, 0.05, 1.0, null);
  }

  public SamplingDefaults withTemperature(double v) {
    check(v >= 0 && v <= 2, "temperature is " + v + "; allowed range is 0 to 2");
    return new SamplingDefaults(v, topK, topP, minP, repeatPenalty, seed);
  }

  public SamplingDefaults withTopK(int v) {
    check(v >= 0, "topK is " + v + "; it must be >= 0");
    return new SamplingDefaults(temperature, v, topP, minP, repeatPenalty, seed);
  }

  public SamplingDefaults withTopP(double v) {
    check(v > 0 && v <= 1, "topP is " + v + "; allowed range is (0, 1]");
    return new SamplingDefaults(temperature, topK, v, minP, repeatPenalty, seed);
  }

  public SamplingDefaults withMinP(double v) {
    check(v >= 0 && v < 1, "minP is " + v + "; allowed range is [0, 1)");
    return new SamplingDefaults(temperature, topK, topP, v, repeatPenalty, seed);
  }

  public SamplingDefaults withRepeatPenalty(double v) {
    check(v > 0, "repeatPenalty is " + v + "; it must be > 0");
    return new SamplingDefaults(temperature, topK, topP, minP, v, seed);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public SamplingDefaults withSeed(@Nullable Long v) {
    return new SamplingDefaults(temperature, topK, topP, minP, repeatPenalty, v);
  }
}
