package dev.llmkit.local.internal.grammar;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Grammar} applied to one vocabulary: which tokens may come next in a state.
 *
 * <p>As in XGrammar, the work is split by context. For the frame at the top of a stack, the tokens
 * it accepts without finishing (most tokens inside a string, a number, a key) do not depend on what
 * lies below it; they are computed once per distinct frame, by one walk of the {@link TokenTrie},
 * and cached. Where the frame finishes inside a token, that trie node is remembered, and only those
 * subtrees are walked again with the real stack below, at each step. So a step costs a few bitset
 * ORs plus the short walks past the frame's end, not a check of every token as llama.cpp's grammar
 * sampler does. Inside a string without a pattern no walk is needed at all: the vocabulary's {@link
 * StringTokens} classification gives the frame's mask for any length bound in a few bitset
 * operations. Thread-safe; shared by all sequences.
 */
public final class TokenMasks {
  /** Memory the cached per-frame masks of one grammar may use. */
  static final long CACHE_BYTES = 48L << 20;

  final Grammar grammar;
  final TokenTrie trie;
  final int words;
  private final int maxEntries;
  private final ConcurrentHashMap<Frame, HeadMask> heads = new ConcurrentHashMap<>();
  private final AtomicInteger misses = new AtomicInteger();

  public TokenMasks(Grammar grammar, TokenTrie trie) {
    this.grammar = grammar;
    this.trie = trie;
    this.words = (trie.vocabSize + 63) >>> 6;
    this.maxEntries = (int) Math.max(16, CACHE_BYTES / (8L * words + 64));
  }

  /** What one frame accepts on its own; {@code pops}: trie nodes where it finished. */
  private record HeadMask(long[] bits, int[] pops) {}

  /** The tokens allowed in {@code state} (end-of-generation tokens not included). */
  long[] mask(Grammar.State state) {
    long[] mask = new long[words];
    for (Stack s : state.stacks()) {
      HeadMask h = head(s.head);
      for (int i = 0; i < words; i++) {
        mask[i] |= h.bits[i];
      }
      if (h.pops.length > 0 && s.parent != null) {
        Ctx after = new Ctx();
        after.pop(s.parent);
        List<Stack> rest = after.stacks();
        if (!rest.isEmpty()) {
          for (int node : h.pops) {
            walk(node, rest, mask, null);
          }
        }
      }
    }
    return mask;
  }

  /** Distinct frames whose masks were computed (for tests and benchmarks). */
  int misses() {
    return misses.get();
  }

  private HeadMask head(Frame f) {
    HeadMask h = heads.get(f);
    if (h != null) {
      return h;
    }
    misses.incrementAndGet();
    long[] bits = new long[words];
    IntList pops = new IntList();
    if (f.node() instanceof StringNode && ((StringNode) f.node()).plainBody(f)) {
      StringNode s = (StringNode) f.node();
      List<Integer> nodes = new java.util.ArrayList<>();
      trie.strings().body(f.a(), s.min, s.max, bits, nodes);
      nodes.forEach(pops::add);
    } else {
      walk(0, List.of(new Stack(f, Stack.SENTINEL)), bits, pops);
    }
    h = new HeadMask(bits, pops.toArray());
    if (heads.size() < maxEntries) {
      heads.put(f, h);
    }
    return h;
  }

  /** Marks the tokens below trie {@code node} that {@code stacks} accept. */
  private void walk(int node, List<Stack> stacks, long[] mask, @Nullable IntList pops) {
    int n = trie.childCount(node);
    for (int i = 0; i < n; i++) {
      int b = trie.childByte(node, i);
      Ctx c = new Ctx();
      for (Stack s : stacks) {
        s.head.node().step(s.head, s.parent, b, c);
      }
      if (!c.alive()) {
        continue;
      }
      int child = trie.child(node, i);
      trie.mark(child, mask);
      if (c.popped && pops != null) {
        pops.add(child);
      }
      List<Stack> next = c.stacks();
      if (!next.isEmpty() && trie.childCount(child) > 0) {
        walk(child, next, mask, pops);
      }
    }
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a = new int[8];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
