package dev.llmkit.local.internal.service;

import org.jspecify.annotations.Nullable;

/**
 * Sampling settings used when a request leaves them out. The defaults are llama.cpp's: temperature
 * 0.8, top-k 40, top-p 0.95, min-p 0.05, repetition penalty 1.0 (off), and a random seed.
 *
 * @param seed null: a fresh random seed per request
 */
public record SamplingDefaults(
    double temperature, int topK, double topP, double minP, double repeatPenalty,
    @Nullable Long seed) {

  public static SamplingDefaults llamaCpp() {
    return new SamplingDefaults(0.8, 40, 0.95, 0.05, 1.0, null);
  }
}
