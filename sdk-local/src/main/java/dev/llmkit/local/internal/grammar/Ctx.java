package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the stacks one step of the automaton leads to: stacks whose head can consume a byte
 * ({@link #push}), and whether the output may end here ({@link #accepted}) or, while a frame is
 * examined alone, whether that frame completed ({@link #popped}).
 */
final class Ctx {
  /** Epsilon moves (references, alternatives) nested deeper than this are dropped: a cycle. */
  private static final int MAX_EPSILON_DEPTH = 48;

  private final List<Stack> out = new ArrayList<>(4);
  boolean accepted;
  boolean popped;
  private int epsilonDepth;

  void push(Frame f, @Nullable Stack parent) {
    out.add(new Stack(f, parent));
  }

  /** The frame below {@code parent} is complete: continue with {@code parent}. */
  void pop(@Nullable Stack parent) {
    if (parent == null) {
      accepted = true;
    } else if (parent == Stack.SENTINEL) {
      popped = true;
    } else {
      parent.head.node().resume(parent.head, parent.parent, this);
    }
  }

  /** Starts a value of {@code node} followed by {@code parent}. */
  void enter(Node node, @Nullable Stack parent) {
    if (epsilonDepth >= MAX_EPSILON_DEPTH) {
      return;
    }
    epsilonDepth++;
    try {
      node.enter(parent, this);
    } finally {
      epsilonDepth--;
    }
  }

  /** Starts a value of {@code node} whose first byte is {@code c}. */
  void enterWith(Node node, @Nullable Stack parent, int c) {
    Ctx start = new Ctx();
    start.epsilonDepth = epsilonDepth;
    start.enter(node, parent);
    for (Stack s : start.out) {
      s.head.node().step(s.head, s.parent, c, this);
    }
  }

  boolean alive() {
    return accepted || popped || !out.isEmpty();
  }

  /** The distinct stacks collected. */
  List<Stack> stacks() {
    if (out.size() <= 1) {
      return out;
    }
    return new ArrayList<>(new HashSet<>(out));
  }

  static boolean whitespace(int c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }
}
