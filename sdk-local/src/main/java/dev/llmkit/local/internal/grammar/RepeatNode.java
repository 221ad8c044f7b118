package dev.llmkit.local.internal.grammar;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@code item}, then up to {@code max - 1} more, each after {@code separator} (several tool calls
 * in one reply). Frame: {@code phase} items so far, {@code a} separator bytes read.
 */
final class RepeatNode extends Node {
  private final Node item;
  private final byte[] separator;
  private final int max;

  RepeatNode(Node item, String separator, int max) {
    this.item = item;
    this.separator = separator.getBytes(StandardCharsets.UTF_8);
    this.max = max;
    if (this.separator.length == 0 || max < 1) {
      throw new IllegalArgumentException("a repeat needs a separator and max >= 1");
    }
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.enter(item, new Stack(new Frame(this, 1), parent));
  }

  @Override
  void resume(Frame f, @Nullable Stack parent, Ctx ctx) {
    ctx.pop(parent);
    if (f.phase() < max) {
      ctx.push(f, parent);
    }
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    if (c != (separator[f.a()] & 0xff)) {
      return;
    }
    if (f.a() + 1 < separator.length) {
      ctx.push(new Frame(this, f.phase(), f.a() + 1, 0, 0), parent);
    } else {
      ctx.enter(item, new Stack(new Frame(this, f.phase() + 1), parent));
    }
  }

  @Override
  int remaining(Frame f) {
    // after an item the repeat may end; inside a separator, the rest of it and an item must come
    return f.a() == 0 ? 0 : add(separator.length - f.a(), item.minLength);
  }

  @Override
  int computeMinLength() {
    return item.minLength;
  }
}
