package dev.llmkit.local.internal.service;

import java.util.concurrent.ThreadLocalRandom;

/** Response ids in OpenAI's style: a prefix and 24 random hex digits. */
final class Ids {
  private Ids() {}

  static String next(String prefix) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return prefix + String.format("%016x%08x", r.nextLong(), r.nextInt());
  }
}
