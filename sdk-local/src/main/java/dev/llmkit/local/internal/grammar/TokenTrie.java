package dev.llmkit.local.internal.grammar;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A model's vocabulary as a byte trie, so a token mask is computed by one walk that shares the work
 * of common prefixes and skips whole subtrees at the first byte the grammar rejects. Tokens without
 * bytes (control, end-of-generation) are not in it. Built once per model; read-only.
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
  private volatile @Nullable StringTokens strings;

  /**
   * {@code bytes} gives each token's output bytes, or null/empty for tokens never constrained in.
   */
  public TokenTrie(int vocabSize, IntFunction<byte @Nullable []> bytes) {
    this.vocabSize = vocabSize;
    this.tokenBytes = new byte[vocabSize][];
    int longest = 0;
    int count = 0;
    for (int id = 0; id < vocabSize; id++) {
      byte[] b = bytes.apply(id);
      if (b != null && b.length > 0) {
        tokenBytes[id] = b;
        longest = Math.max(longest, b.length);
        count++;
      }
    }
    // insert in byte order: a token shares its path with the previous one up to their common
    // prefix, so nodes are made without a lookup table
    int[] order = byteOrder(tokenBytes, count);
    int nodes = 1;
    int[] parentOf = new int[Math.max(16, count * 2)];
    byte[] byteOf = new byte[parentOf.length];
    int[] tokenEnd = new int[vocabSize];
    Arrays.fill(tokenEnd, -1);
    int[] path = new int[longest + 1]; // path[d]: node at depth d of the previous token
    byte[] prev = new byte[0];
    for (int id : order) {
      byte[] b = Objects.requireNonNull(tokenBytes[id], "order holds only tokens with bytes");
      int common = Arrays.mismatch(prev, b);
      if (common < 0) { // the same bytes as the previous token
        common = b.length;
      }
      for (int d = common; d < b.length; d++) {
        if (nodes == parentOf.length) {
          parentOf = Arrays.copyOf(parentOf, nodes * 2);
          byteOf = Arrays.copyOf(byteOf, nodes * 2);
        }
        parentOf[nodes] = path[d];
        byteOf[nodes] = b[d];
        path[d + 1] = nodes++;
      }
      tokenEnd[id] = path[b.length];
      prev = b;
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

  /**
   * The ids of the tokens with bytes, in unsigned lexicographic order of their bytes: a primitive
   * sort on the first four bytes (with the id in the low 24 bits), then a full comparison only
   * within runs that share those bytes.
   */
  private static int[] byteOrder(byte[] @Nullable [] tokens, int count) {
    long[] keys = new long[count];
    int k = 0;
    for (int id = 0; id < tokens.length; id++) {
      byte[] b = tokens[id];
      if (b != null) {
        long prefix = 0;
        for (int i = 0; i < 4; i++) {
          prefix = prefix << 8 | (i < b.length ? b[i] & 0xff : 0);
        }
        keys[k++] = prefix << 24 | id;
      }
    }
    Arrays.sort(keys);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = (int) (keys[i] & ((1 << 24) - 1));
    }
    for (int from = 0; from < count; ) {
      int to = from + 1;
      while (to < count && keys[to] >>> 24 == keys[from] >>> 24) {
        to++;
      }
      if (to - from > 1) {
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) {
          run[i - from] = order[i];
        }
        Arrays.sort(run, (x, y) -> Arrays.compareUnsigned(tokens[x], tokens[y]));
        for (int i = from; i < to; i++) {
          order[i] = run[i - from];
        }
      }
      from = to;
    }
    return order;
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

  /** The node reached by the first {@code length} bytes of {@code b}, or -1. */
  int nodeOf(byte[] b, int length) {
    int node = 0;
    for (int i = 0; i < length && node >= 0; i++) {
      node = childOf(node, b[i] & 0xff);
    }
    return node;
  }

  /** The child of {@code node} by byte {@code b}, or -1 (children are sorted by byte). */
  int childOf(int node, int b) {
    int lo = childStart[node];
    int hi = childStart[node + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int x = childByte[mid] & 0xff;
      if (x < b) {
        lo = mid + 1;
      } else if (x > b) {
        hi = mid - 1;
      } else {
        return childNode[mid];
      }
    }
    return -1;
  }

  /** The string-body classification of this vocabulary, built on first use. */
  StringTokens strings() {
    StringTokens s = strings;
    if (s == null) {
      synchronized (this) {
        s = strings;
        if (s == null) {
          s = strings = new StringTokens(this);
        }
      }
    }
    return s;
  }

  int nodeCount() {
    return childStart.length - 1;
  }
}
