package dev.llmkit.local.internal.tokenizer;

/**
 * A fixed-capacity map from strings to non-negative ints (open addressing, linear probing), for the
 * vocabulary's text → id and merge → rank tables. A {@code HashMap<String, Integer>} of a
 * 150,000-token vocabulary allocates a node and a boxed integer per entry, and building it is a
 * sizeable part of a model's load on a cold JVM; this keeps two flat arrays.
 *
 * <p>Not thread-safe while being filled; safe to read from any thread once published through a
 * final field.
 */
final class StringIndex {
  private final String[] keys;
  private final int[] values;
  private final int mask;
  private final int shift;
  private int size;

  /** Most entries an index holds: its table, twice as large, must stay an int-indexed array. */
  static final int MAX_ENTRIES = 1 << 29;

  /**
   * An index with room for {@code expected} entries (the table is kept at most half full).
   *
   * @throws IllegalArgumentException if {@code expected} exceeds {@link #MAX_ENTRIES}
   */
  StringIndex(int expected) {
    if (expected > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          expected + " entries are more than a vocabulary index holds (" + MAX_ENTRIES + ")");
    }
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    this.keys = new String[capacity];
    this.values = new int[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(mask);
  }

  /**
   * Maps {@code key} to {@code value}, replacing an earlier value when {@code replace} is true and
   * keeping it otherwise.
   *
   * @throws IllegalStateException when more entries are added than the index was made for
   */
  void put(String key, int value, boolean replace) {
    int i = slot(key);
    if (keys[i] == null) {
      if (size >= (mask + 1) / 2) {
        throw new IllegalStateException("index is full (" + size + " entries)");
      }
      keys[i] = key;
      values[i] = value;
      size++;
    } else if (replace) {
      values[i] = value;
    }
  }

  /** The value of {@code key}, or {@code absent}. */
  int get(String key, int absent) {
    int i = slot(key);
    return keys[i] == null ? absent : values[i];
  }

  int size() {
    return size;
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private int slot(String key) {
    // Fibonacci hashing: the high bits of hash × 2^32/φ, as short tokens' hashes cluster
    int i = (key.hashCode() * 0x9E3779B9) >>> shift;
    while (true) {
      String k = keys[i];
      if (k == null || k.equals(key)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }
}
