package dev.llmkit.openai.internal.service;

import java.util.HashSet;
import java.util.Set;

/**
 * Remembers which choices of a stream have appeared and which have finished, to tell a complete
 * stream that lacks {@code [DONE]} from a cut one.
 */
final class FinishTracker {
  private final Set<Integer> seen = new HashSet<>();
  private final Set<Integer> finished = new HashSet<>();

  void saw(int index, boolean hasFinishReason) {
    seen.add(index);
    if (hasFinishReason) {
      finished.add(index);
    }
  }

  /** True when at least one choice appeared and every choice that appeared has finished. */
  boolean allFinished() {
    return !seen.isEmpty() && finished.containsAll(seen);
  }
}
