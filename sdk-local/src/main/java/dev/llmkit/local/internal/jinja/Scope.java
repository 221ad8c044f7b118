package dev.llmkit.local.internal.jinja;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Variables visible at a point of rendering. For loops and macro calls open a child scope, so a
 * {@code set} inside them is not seen after them (jinja2's rule, hence {@code namespace()}); {@code
 * if} blocks do not.
 */
final class Scope {
  private final @Nullable Scope parent;
  private final Map<String, @Nullable Object> vars = new HashMap<>();

  /** Nesting depth of for loops, for {@code loop.depth}. */
  final int loopDepth;

  /** Loop iterations left to the whole render, shared by every scope of it. */
  private final long[] iterationsLeft;

  Scope(@Nullable Scope parent, int loopDepth) {
    this.parent = parent;
    this.loopDepth = loopDepth;
    this.iterationsLeft =
        parent == null ? new long[] {Limits.MAX_ITERATIONS} : parent.iterationsLeft;
  }

  /** Counts one loop iteration against the render's budget; a JinjaException when it is spent. */
  void iterate() {
    if (--iterationsLeft[0] < 0) {
      throw new JinjaException(
          JinjaException.Kind.VALUE,
          "the template ran more than " + Limits.MAX_ITERATIONS + " loop iterations");
    }
  }

  Scope child() {
    return new Scope(this, loopDepth);
  }

  @Nullable Object lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.vars.containsKey(name)) {
        return s.vars.get(name);
      }
    }
    return Values.undefined(name);
  }

  void set(String name, @Nullable Object value) {
    vars.put(name, value);
  }
}
