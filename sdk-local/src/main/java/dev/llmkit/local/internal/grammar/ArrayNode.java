package dev.llmkit.local.internal.grammar;

import org.jspecify.annotations.Nullable;

/**
 * A JSON array of {@code items} with {@code min..max} elements ({@code max} -1: unbounded). Frame:
 * {@code phase} (below), {@code a} elements so far (saturating at the bound that matters), {@code
 * b} whitespace bytes so far.
 */
final class ArrayNode extends Node {
  private static final int OPEN = 0;
  private static final int FIRST = 1;
  private static final int AFTER_ITEM = 2;
  private static final int AFTER_COMMA = 3;

  Node items;
  private final int min;
  private final int max;

  ArrayNode(Node items, int min, int max) {
    this.items = items;
    this.min = min;
    this.max = max;
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.push(new Frame(this, OPEN), parent);
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int phase = f.phase();
    if (phase == OPEN) {
      if (c == '[') {
        ctx.push(new Frame(this, FIRST), parent);
      }
      return;
    }
    if (Ctx.whitespace(c)) {
      if (f.b() < MAX_WHITESPACE) {
        ctx.push(new Frame(this, phase, f.a(), f.b() + 1, 0), parent);
      }
      return;
    }
    int count = f.a();
    switch (phase) {
      case FIRST:
        if (c == ']' && min == 0) {
          ctx.pop(parent);
        } else if (max != 0) {
          item(count, parent, c, ctx);
        }
        return;
      case AFTER_ITEM:
        if (c == ']' && count >= min) {
          ctx.pop(parent);
        } else if (c == ',' && (max < 0 || count < max)) {
          ctx.push(new Frame(this, AFTER_COMMA, count, 0, 0), parent);
        }
        return;
      default: // AFTER_COMMA
        item(count, parent, c, ctx);
    }
  }

  private void item(int count, @Nullable Stack parent, int c, Ctx ctx) {
    int cap = max >= 0 ? max : min;
    Frame after = new Frame(this, AFTER_ITEM, Math.min(count + 1, cap), 0, 0);
    ctx.enterWith(items, new Stack(after, parent), c);
  }

  private int itemsFrom(int count) {
    int left = Math.max(0, min - count);
    return left == 0 ? 0 : add(left * Math.min(items.minLength, INFINITE / (left + 1)), left);
  }

  @Override
  int remaining(Frame f) {
    switch (f.phase()) {
      case OPEN:
        return minLength;
      case FIRST:
        return add(itemsFrom(0), 1);
      case AFTER_ITEM:
        return add(itemsFrom(f.a()), 1);
      default:
        return add(add(itemsFrom(f.a() + 1), items.minLength), 1);
    }
  }

  @Override
  int computeMinLength() {
    return add(itemsFrom(0), 2);
  }
}
