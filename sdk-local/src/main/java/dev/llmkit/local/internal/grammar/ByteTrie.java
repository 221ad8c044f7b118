package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A small trie of byte strings (enum values, object keys, tool-call syntax); node 0 is the root.
 * Each string carries a value (its index), found at its last node. Built once, then read-only.
 */
final class ByteTrie {
  private final List<byte[]> kidBytes = new ArrayList<>();
  private final List<int[]> kids = new ArrayList<>();
  private final List<Integer> terminal = new ArrayList<>();
  private final List<BitSet> below = new ArrayList<>();
  private int[] depthToEnd = new int[0];

  ByteTrie() {
    newNode();
  }

  private int newNode() {
    kidBytes.add(new byte[0]);
    kids.add(new int[0]);
    terminal.add(-1);
    below.add(new BitSet());
    return kids.size() - 1;
  }

  /** Adds {@code s} with {@code value}; false if {@code s} was already there. */
  boolean add(byte[] s, int value) {
    int node = 0;
    below.get(0).set(value);
    for (byte b : s) {
      int next = child(node, b & 0xff);
      if (next < 0) {
        next = newNode();
        int n = kids.get(node).length;
        kidBytes.set(node, Arrays.copyOf(kidBytes.get(node), n + 1));
        kids.set(node, Arrays.copyOf(kids.get(node), n + 1));
        kidBytes.get(node)[n] = b;
        kids.get(node)[n] = next;
      }
      node = next;
      below.get(node).set(value);
    }
    if (terminal.get(node) >= 0) {
      return false;
    }
    terminal.set(node, value);
    return true;
  }

  /** Computes {@link #depthToEnd}; call after the last {@link #add}. */
  ByteTrie done() {
    depthToEnd = new int[kids.size()];
    for (int node = kids.size() - 1; node >= 0; node--) { // children are created after parents
      int best = terminal.get(node) >= 0 ? 0 : Node.INFINITE;
      for (int k : kids.get(node)) {
        best = Math.min(best, depthToEnd[k] + 1);
      }
      depthToEnd[node] = best;
    }
    return this;
  }

  int child(int node, int b) {
    byte[] bs = kidBytes.get(node);
    for (int i = 0; i < bs.length; i++) {
      if ((bs[i] & 0xff) == b) {
        return kids.get(node)[i];
      }
    }
    return -1;
  }

  boolean hasChildren(int node) {
    return kids.get(node).length > 0;
  }

  /** The value of the string ending at {@code node}, or -1. */
  int terminal(int node) {
    return terminal.get(node);
  }

  /** The values of the strings that pass through {@code node}. */
  BitSet below(int node) {
    return below.get(node);
  }

  /** Bytes from {@code node} to the nearest string end. */
  int depthToEnd(int node) {
    return depthToEnd[node];
  }

  int size() {
    return kids.size();
  }
}
