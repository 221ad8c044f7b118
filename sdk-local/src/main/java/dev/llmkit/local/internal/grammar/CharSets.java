package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.List;

/** Sets of code points as sorted, disjoint, inclusive {lo, hi} pairs. */
final class CharSets {
  static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  static final int[] SPACE = {'\t', '\r', ' ', ' '};

  private CharSets() {}

  static boolean contains(int[] set, int cp) {
    for (int i = 0; i < set.length; i += 2) {
      if (cp < set[i]) {
        return false;
      }
      if (cp <= set[i + 1]) {
        return true;
      }
    }
    return false;
  }

  static boolean intersects(int[] set, int lo, int hi) {
    for (int i = 0; i < set.length; i += 2) {
      if (set[i] <= hi && set[i + 1] >= lo) {
        return true;
      }
    }
    return false;
  }

  static int[] union(int[] a, int[] b) {
    List<int[]> all = new ArrayList<>();
    for (int i = 0; i < a.length; i += 2) {
      all.add(new int[] {a[i], a[i + 1]});
    }
    for (int i = 0; i < b.length; i += 2) {
      all.add(new int[] {b[i], b[i + 1]});
    }
    all.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<Integer> out = new ArrayList<>();
    for (int[] r : all) {
      int n = out.size();
      if (n > 0 && r[0] <= out.get(n - 1) + 1) {
        out.set(n - 1, Math.max(out.get(n - 1), r[1]));
      } else {
        out.add(r[0]);
        out.add(r[1]);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static int[] minus(int[] a, int[] b) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < a.length; i += 2) {
      int lo = a[i];
      int hi = a[i + 1];
      for (int j = 0; j < b.length && lo <= hi; j += 2) {
        if (b[j + 1] < lo || b[j] > hi) {
          continue;
        }
        if (b[j] > lo) {
          out.add(lo);
          out.add(b[j] - 1);
        }
        lo = b[j + 1] + 1;
      }
      if (lo <= hi) {
        out.add(lo);
        out.add(hi);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
