package dev.llmkit.local.internal.tokenizer;

import java.util.Arrays;

/** A growable int array. */
final class IntList {
  private int[] data;
  private int size;

  IntList(int capacity) {
    this.data = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[size++] = v;
  }

  void addAll(int[] values) {
    for (int v : values) {
      add(v);
    }
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
