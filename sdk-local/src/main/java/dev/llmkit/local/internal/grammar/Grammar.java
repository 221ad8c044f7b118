package dev.llmkit.local.internal.grammar;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled constraint: the root node of a grammar and what is known about it. Immutable and
 * shared; per-sequence progress is a {@link State}. Compile with {@link #ofSchema}, {@link
 * #anyObject} or {@link ToolGrammar}.
 */
public final class Grammar {
  final Node root;
  private final int nodeCount;

  /** Slack below which tokens are checked for room; see {@link GrammarConstraint#within}. */
  final int closingWindow;

  Grammar(Node root, List<Node> nodes) {
    this.root = root;
    this.nodeCount = nodes.size();
    for (int round = 0; round <= nodes.size() + 1; round++) {
      boolean changed = false;
      for (Node n : nodes) {
        int m = n.computeMinLength();
        if (m < n.minLength) {
          n.minLength = m;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    int widest = 0; // the most bytes one token can commit the output to: a whole new value
    for (Node n : nodes) {
      if (n.minLength < Node.INFINITE) {
        widest = Math.max(widest, n.minLength);
      }
    }
    this.closingWindow =
        Math.min(
            GrammarConstraint.MAX_CLOSING_WINDOW,
            Math.max(GrammarConstraint.CLOSING_WINDOW, widest + 8));
    if (root.computeMinLength() >= Node.INFINITE) {
      throw new SchemaException(
          "#",
          "the schema admits no finite value (a required property"
              + " or item recurses without a way out)");
    }
  }

  /**
   * Compiles a JSON Schema.
   *
   * @throws SchemaException if the schema is invalid, uses a keyword the constraint cannot honour,
   *     or is over a limit; its path names the keyword
   */
  public static Grammar ofSchema(Map<String, ?> schema) {
    return SchemaCompiler.compile(schema);
  }

  /** Any JSON object. */
  public static Grammar anyObject() {
    return SchemaCompiler.anyObject();
  }

  /** The state before any output. */
  State start() {
    Ctx c = new Ctx();
    c.enter(root, null);
    return new State(c.stacks(), c.accepted);
  }

  int nodeCount() {
    return nodeCount;
  }

  /**
   * Where a sequence is in the grammar: the stacks still alive (heads ready for a byte) and whether
   * the output may end here.
   */
  record State(List<Stack> stacks, boolean accepted) {
    boolean complete() {
      return accepted && stacks.isEmpty();
    }

    /** The state after {@code bytes[from..]}, or null if they cannot continue the output. */
    @Nullable State walk(byte[] bytes, int from) {
      List<Stack> cur = stacks;
      boolean acc = accepted;
      for (int i = from; i < bytes.length; i++) {
        Ctx c = new Ctx();
        int b = bytes[i] & 0xff;
        for (Stack s : cur) {
          s.head.node().step(s.head, s.parent, b, c);
        }
        if (!c.alive()) {
          return null;
        }
        cur = c.stacks();
        acc = c.accepted;
      }
      return new State(cur, acc);
    }

    /** The fewest bytes that complete the output from here. */
    int remaining() {
      if (accepted) {
        return 0;
      }
      int best = Node.INFINITE;
      for (Stack s : stacks) {
        int total = 0;
        for (Stack t = s; t != null; t = t.parent) {
          total = Node.add(total, t.head.node().remaining(t.head));
        }
        best = Math.min(best, total);
      }
      return best;
    }
  }
}
