package dev.llmkit.training.internal;

/**
 * An open-addressing map from 64-bit hashes to line numbers, with primitive arrays: 12 bytes per
 * entry (plus load-factor slack), no boxing. Key 0 is stored out of band.
 */
final class LongIntMap {
  private long[] keys = new long[1024];
  private int[] values = new int[1024];
  private int size;
  private boolean hasZero;
  private int zeroValue;

  /** Returns the value stored for {@code key}, or stores {@code value} and returns -1. */
  int putIfAbsent(long key, int value) {
    if (key == 0) {
      if (hasZero) {
        return zeroValue;
      }
      hasZero = true;
      zeroValue = value;
      return -1;
    }
    if ((size + 1) * 4L > keys.length * 3L) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (keys[i] != 0) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
    return -1;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k != 0) {
        int i = (int) (k ^ (k >>> 32)) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldValues[j];
      }
    }
  }
}
