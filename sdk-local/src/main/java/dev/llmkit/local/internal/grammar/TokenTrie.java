package dev.llmkit.local.internal.grammar;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A model's vocabulary as a byte trie, so a token mask is computed by one walk that shares the
 * work of common prefixes and skips whole subtrees at the first byte the grammar rejects. Tokens
 * without bytes (control, end-of-generation) are not in it. Built once per model; read-only.
 */
public final class TokenTrie {
  final int vocabSize;
  final byte[] @Nullable [] tokenBytes;
  final int maxTokenLength;
  private final int[] childStart;
  private final byte[] childByte;
  private final int[] childNode;
  private final int[] firstToken;
  private final int[] nextToken;

  /** {@code bytes} gives each token's output bytes, or null/empty for tokens never constrained in. */
  public TokenTrie(int vocabSize, IntFunction<byte @Nullable []> bytes) {
    this.vocabSize = vocabSize;
    this.tokenBytes = new byte[vocabSize][];
    Map<Long, Integer> edges = new HashMap<>();
    int nodes = 1;
    int longest = 0;
    int[] parentOf = new int[16];
    byte[] byteOf = new byte[16];
    int[] tokenEnd = new int[vocabSize];
    for (int id = 0; id < vocabSize; id++) {
      byte[] b = bytes.apply(id);
      if (b == null || b.length == 0) {
        tokenEnd[id] = -1;
        continue;
      }
      tokenBytes[id] = b;
      longest = Math.max(longest, b.length);
      int node = 0;
      for (byte x : b) {
        long key = ((long) node << 8) | (x & 0xff);
        Integer next = edges.get(key);
        if (next == null) {
          next = nodes++;
          if (next >= parentOf.length) {
            parentOf = Arrays.copyOf(parentOf, next * 2);
            byteOf = Arrays.copyOf(byteOf, next * 2);
          }
          parentOf[next] = node;
          byteOf[next] = x;
          edges.put(key, next);
        }
        node = next;
      }
      tokenEnd[id] = node;
    }
    this.maxTokenLength = longest;
    // children in CSR form, grouped by parent and sorted by byte
    int[] counts = new int[nodes + 1];
    for (int n = 1; n < nodes; n++) {
      counts[parentOf[n] + 1]++;
    }
    childStart = new int[nodes + 1];
    for (int n = 0; n < nodes; n++) {
      childStart[n + 1] = childStart[n] + counts[n + 1];
    }
    childByte = new byte[Math.max(0, nodes - 1)];
    childNode = new int[Math.max(0, nodes - 1)];
    int[] fill = Arrays.copyOf(childStart, nodes);
    for (int n = 1; n < nodes; n++) {
      int slot = fill[parentOf[n]]++;
      childByte[slot] = byteOf[n];
      childNode[slot] = n;
    }
    firstToken = new int[nodes];
    Arrays.fill(firstToken, -1);
    nextToken = new int[vocabSize];
    for (int id = vocabSize - 1; id >= 0; id--) {
      if (tokenEnd[id] >= 0) {
        nextToken[id] = firstToken[tokenEnd[id]];
        firstToken[tokenEnd[id]] = id;
      }
    }
  }

  int childCount(int node) {
    return childStart[node + 1] - childStart[node];
  }

  int childByte(int node, int i) {
    return childByte[childStart[node] + i] & 0xff;
  }

  int child(int node, int i) {
    return childNode[childStart[node] + i];
  }

  /** Sets the bits of the tokens whose bytes end exactly at {@code node}. */
  void mark(int node, long[] mask) {
    for (int id = firstToken[node]; id >= 0; id = nextToken[id]) {
      mask[id >>> 6] |= 1L << id;
    }
  }

  int nodeCount() {
    return childStart.length - 1;
  }
}
