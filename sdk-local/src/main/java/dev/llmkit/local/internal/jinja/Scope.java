package dev.llmkit.local.internal.jinja;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Variables visible at a point of rendering. For loops and macro calls open a child scope, so a
 * {@code set} inside them is not seen after them (jinja2's rule, hence {@code namespace()});
 * {@code if} blocks do not.
 */
final class Scope {
  private final @Nullable Scope parent;
  private final Map<String, @Nullable Object> vars = new HashMap<>();
  /** Nesting depth of for loops, for {@code loop.depth}. */
  final int loopDepth;

  Scope(@Nullable Scope parent, int loopDepth) {
    this.parent = parent;
    this.loopDepth = loopDepth;
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
