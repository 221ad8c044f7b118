package dev.llmkit.local.internal.grammar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of a fixed set of byte strings: an enum or const (as JSON text), true/false/null, or a piece
 * of tool-call syntax. Strings sharing a prefix are matched together. Frame: {@code phase} is the
 * trie node reached.
 */
final class LiteralNode extends Node {
  static final LiteralNode EMPTY = new LiteralNode(List.of());

  private final ByteTrie trie = new ByteTrie();

  LiteralNode(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      trie.add(texts.get(i).getBytes(StandardCharsets.UTF_8), i);
    }
    trie.done();
  }

  static LiteralNode of(String... texts) {
    return new LiteralNode(List.of(texts));
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    if (trie.terminal(0) >= 0) {
      ctx.pop(parent);
    }
    if (trie.hasChildren(0)) {
      ctx.push(new Frame(this, 0), parent);
    }
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int next = trie.child(f.phase(), c);
    if (next < 0) {
      return;
    }
    if (trie.terminal(next) >= 0) {
      ctx.pop(parent);
    }
    if (trie.hasChildren(next)) {
      ctx.push(new Frame(this, next), parent);
    }
  }

  @Override
  int remaining(Frame f) {
    return trie.depthToEnd(f.phase());
  }

  @Override
  int computeMinLength() {
    return trie.depthToEnd(0);
  }
}
