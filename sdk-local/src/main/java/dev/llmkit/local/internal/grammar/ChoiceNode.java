package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of several alternatives ({@code anyOf}, a type union, a {@code $ref}'s target): all are
 * followed at once until the output rules some out. Has no frames of its own.
 */
final class ChoiceNode extends Node {
  final List<Node> options = new ArrayList<>();

  ChoiceNode(List<Node> options) {
    this.options.addAll(options);
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    for (Node n : options) {
      ctx.enter(n, parent);
    }
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    throw new IllegalStateException("a choice has no frames");
  }

  @Override
  int remaining(Frame f) {
    return minLength;
  }

  @Override
  int computeMinLength() {
    int best = INFINITE;
    for (Node n : options) {
      best = Math.min(best, n.minLength);
    }
    return best;
  }
}
