package dev.llmkit.local.internal.grammar;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable stack of frames: {@link #head} is being matched, {@link #parent} is what follows
 * once it is complete ({@code null}: the end of the output). Shared tails make copies free.
 */
final class Stack {
  /** The parent that marks "the rest is unknown" while masks are precomputed for a frame alone. */
  static final Stack SENTINEL = new Stack();

  final Frame head;
  final @Nullable Stack parent;
  private final int hash;

  Stack(Frame head, @Nullable Stack parent) {
    this.head = head;
    this.parent = parent;
    this.hash = head.hashCode() * 31 + Objects.hashCode(parent);
  }

  private Stack() {
    this.head = new Frame(LiteralNode.EMPTY, -1);
    this.parent = null;
    this.hash = 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Stack) || o == SENTINEL || this == SENTINEL) {
      return false;
    }
    Stack s = (Stack) o;
    return hash == s.hash && head.equals(s.head) && Objects.equals(parent, s.parent);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
