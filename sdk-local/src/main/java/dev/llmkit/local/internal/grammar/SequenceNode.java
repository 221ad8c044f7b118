package dev.llmkit.local.internal.grammar;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parts one after another, such as a tool call: literal syntax, the arguments object, more syntax.
 * Frame: {@code phase} the index of the next part.
 */
final class SequenceNode extends Node {
  private final Node[] parts;

  SequenceNode(List<Node> parts) {
    this.parts = parts.toArray(new Node[0]);
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    resume(new Frame(this, 0), parent, ctx);
  }

  @Override
  void resume(Frame f, @Nullable Stack parent, Ctx ctx) {
    int next = f.phase();
    if (next == parts.length) {
      ctx.pop(parent);
    } else {
      ctx.enter(parts[next], new Stack(new Frame(this, next + 1), parent));
    }
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    throw new IllegalStateException("a sequence waits for its parts");
  }

  @Override
  int remaining(Frame f) {
    int total = 0;
    for (int i = f.phase(); i < parts.length; i++) {
      total = add(total, parts[i].minLength);
    }
    return total;
  }

  @Override
  int computeMinLength() {
    return remaining(new Frame(this, 0));
  }
}
