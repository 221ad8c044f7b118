package dev.llmkit.local.internal.grammar;

import dev.llmkit.local.internal.json.CompactJson;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object. With declared properties, keys come in declaration order (as OpenAI's strict mode
 * writes them), each at most once; optional ones may be left out, required ones may not, and no
 * other key is written. Without declared properties ({@code free}), any string keys with values of
 * {@code freeValue}. Whitespace between tokens is bounded by {@link #MAX_WHITESPACE}.
 *
 * <p>Frame: {@code phase} (below), {@code a} the next property index (the chosen one while its
 * colon and value are pending), {@code b} whitespace bytes so far, {@code c} the key-trie node.
 */
final class ObjectNode extends Node {
  private static final int OPEN = 0;
  private static final int FIRST = 1;
  private static final int KEY = 2;
  private static final int COLON = 3;
  private static final int VALUE = 4;
  private static final int AFTER_VALUE = 5;
  private static final int AFTER_COMMA = 6;

  private final List<String> keys;
  final Node[] values;
  private final boolean[] required;
  private final int[] nextRequired;
  private final ByteTrie keyTrie = new ByteTrie();
  private final @Nullable Node freeValue;

  /** An object with these properties in this order. */
  ObjectNode(List<String> keys, Node[] values, boolean[] required) {
    this.keys = List.copyOf(keys);
    this.values = values;
    this.required = required.clone();
    this.freeValue = null;
    int n = keys.size();
    nextRequired = new int[n + 1];
    nextRequired[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      nextRequired[i] = required[i] ? i : nextRequired[i + 1];
    }
    for (int i = 0; i < n; i++) {
      keyTrie.add(CompactJson.quote(keys.get(i)).getBytes(StandardCharsets.UTF_8), i);
    }
    keyTrie.done();
  }

  /** An object with any keys, each value a {@code value}. */
  ObjectNode(Node value) {
    this.keys = List.of();
    this.values = new Node[0];
    this.required = new boolean[0];
    this.nextRequired = new int[] {0};
    this.freeValue = value;
    keyTrie.done();
  }

  private boolean free() {
    return freeValue != null;
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.push(new Frame(this, OPEN), parent);
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int phase = f.phase();
    if (phase == OPEN) {
      if (c == '{') {
        ctx.push(new Frame(this, FIRST), parent);
      }
      return;
    }
    if (phase == KEY) {
      key(f.a(), f.c(), c, parent, ctx);
      return;
    }
    if (Ctx.whitespace(c)) {
      if (f.b() < MAX_WHITESPACE) {
        ctx.push(new Frame(this, phase, f.a(), f.b() + 1, 0), parent);
      }
      return;
    }
    int i = f.a();
    switch (phase) {
      case FIRST:
        if (c == '}' && canClose(0)) {
          ctx.pop(parent);
        } else if (c == '"') {
          startKey(0, parent, ctx);
        }
        return;
      case COLON:
        if (c == ':') {
          ctx.push(new Frame(this, VALUE, i, 0, 0), parent);
        }
        return;
      case VALUE:
        Node value = freeValue != null ? freeValue : values[i];
        ctx.enterWith(
            value, new Stack(new Frame(this, AFTER_VALUE, free() ? 0 : i + 1, 0, 0), parent), c);
        return;
      case AFTER_VALUE:
        if (c == '}' && canClose(i)) {
          ctx.pop(parent);
        } else if (c == ',' && (free() || i < keys.size())) {
          ctx.push(new Frame(this, AFTER_COMMA, i, 0, 0), parent);
        }
        return;
      case AFTER_COMMA:
        if (c == '"') {
          startKey(i, parent, ctx);
        }
        return;
      default:
        throw new IllegalStateException("phase " + phase);
    }
  }

  private boolean canClose(int from) {
    return free() || nextRequired[from] == keys.size();
  }

  /** The opening quote of a key, with properties from index {@code from} on still possible. */
  private void startKey(int from, @Nullable Stack parent, Ctx ctx) {
    if (free()) {
      Stack then = new Stack(new Frame(this, COLON, 0, 0, 0), parent);
      StringNode.ANY.step(new Frame(StringNode.ANY, 0), then, '"', ctx);
      return;
    }
    key(from, 0, '"', parent, ctx);
  }

  private void key(int from, int node, int c, @Nullable Stack parent, Ctx ctx) {
    int next = keyTrie.child(node, c);
    if (next < 0) {
      return;
    }
    int last = Math.min(nextRequired[from], keys.size() - 1);
    BitSet below = keyTrie.below(next);
    int first = below.nextSetBit(from);
    if (first < 0 || first > last) {
      return;
    }
    int done = keyTrie.terminal(next);
    if (done >= 0) {
      ctx.push(new Frame(this, COLON, done, 0, 0), parent);
    } else {
      ctx.push(new Frame(this, KEY, from, 0, next), parent);
    }
  }

  /** Bytes of the required members from property {@code from} on, with separators. */
  private int requiredFrom(int from, boolean comma) {
    int total = 0;
    for (int i = from; i < keys.size(); i++) {
      if (required[i]) {
        total =
            add(
                total,
                CompactJson.quote(keys.get(i)).length()
                    + 1
                    + values[i].minLength
                    + (comma || total > 0 ? 1 : 0));
      }
    }
    return total;
  }

  @Override
  int remaining(Frame f) {
    int i = f.a();
    switch (f.phase()) {
      case OPEN:
        return minLength;
      case FIRST:
        return requiredFrom(0, false) + 1;
      case KEY:
        return add(
            keyTrie.depthToEnd(f.c()), 1 + values[i].minLength + requiredFrom(i + 1, true) + 1);
      case COLON:
      case VALUE:
        Node v = freeValue != null ? freeValue : values[i];
        return add(
            v.minLength + (f.phase() == COLON ? 1 : 0), free() ? 1 : requiredFrom(i + 1, true) + 1);
      case AFTER_VALUE:
        return free() ? 1 : add(requiredFrom(i, true), 1);
      default: // AFTER_COMMA: a key must follow
        return free()
            ? 6
            : add(
                requiredFrom(i, false),
                1
                    + (nextRequired[i] == keys.size()
                        ? CompactJson.quote(keys.get(i)).length() + 1 + values[i].minLength
                        : 0));
    }
  }

  @Override
  int computeMinLength() {
    return add(2, requiredFrom(0, false));
  }
}
