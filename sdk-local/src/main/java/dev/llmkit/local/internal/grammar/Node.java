package dev.llmkit.local.internal.grammar;

import org.jspecify.annotations.Nullable;

/**
 * A grammar node: one kind of value (object, string, ...) or piece of syntax. Nodes are compiled
 * once per schema and shared by every sequence generated with it; they hold no per-sequence state
 * (that is in {@link Frame}s). Nodes compare by identity.
 */
abstract class Node {
  static final int INFINITE = 1 << 28;

  /** Most whitespace bytes between two tokens of a JSON value. */
  static final int MAX_WHITESPACE = 8;

  /** Bytes of the shortest value; {@link #INFINITE} until {@link Grammar} has computed it. */
  int minLength = INFINITE;

  /** Pushes the frames that start a value of this node, followed by {@code parent}. */
  abstract void enter(@Nullable Stack parent, Ctx ctx);

  /** Feeds byte {@code c} to head frame {@code f}, collecting the stacks it leads to. */
  abstract void step(Frame f, @Nullable Stack parent, int c, Ctx ctx);

  /** Continues frame {@code f}, which was waiting for a child value that is now complete. */
  void resume(Frame f, @Nullable Stack parent, Ctx ctx) {
    ctx.push(f, parent);
  }

  /** The fewest bytes that complete frame {@code f} (not counting what follows it). */
  abstract int remaining(Frame f);

  /** {@link #minLength} from the children's current values (iterated to a fixed point). */
  abstract int computeMinLength();

  static int add(int a, int b) {
    return Math.min(INFINITE, a + b);
  }
}
