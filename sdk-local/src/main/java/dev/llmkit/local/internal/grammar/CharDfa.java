package dev.llmkit.local.internal.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A {@link Regex} NFA determinised lazily: a DFA state is the set of NFA states reached, numbered
 * as first seen (state 0 is the start). Shared by every sequence using the schema, so the methods
 * are synchronized; they are called while masks are computed, not per sampled token.
 */
final class CharDfa {
  static final int MAX_STATES = 5000;

  private final Regex nfa;
  private final List<int[]> sets = new ArrayList<>();
  private final Map<BitSet, Integer> ids = new HashMap<>();
  private final Map<Long, Integer> transitions = new HashMap<>();
  private final Map<Integer, Integer> distances = new HashMap<>();
  private final Map<Integer, Integer> byteDistances = new HashMap<>();
  private final int[] representatives;

  CharDfa(Regex nfa) {
    this.nfa = nfa;
    BitSet start = new BitSet();
    start.set(nfa.start);
    intern(closure(start));
    TreeSet<Integer> reps = new TreeSet<>();
    for (int[] r : nfa.ranges) {
      if (r != null) {
        for (int i = 0; i < r.length; i += 2) {
          reps.add(r[i]);
          if (r[i + 1] < Regex.MAX_CODE_POINT) {
            reps.add(r[i + 1] + 1);
          }
        }
      }
    }
    reps.removeIf(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    representatives = reps.stream().mapToInt(Integer::intValue).toArray();
  }

  private BitSet closure(BitSet states) {
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    states.stream().forEach(todo::add);
    while (!todo.isEmpty()) {
      for (int next : nfa.epsilon.get(todo.pop())) {
        if (!states.get(next)) {
          states.set(next);
          todo.add(next);
        }
      }
    }
    return states;
  }

  private int intern(BitSet set) {
    Integer id = ids.get(set);
    if (id != null) {
      return id;
    }
    if (sets.size() >= MAX_STATES) {
      throw new IllegalStateException("pattern automaton exceeds " + MAX_STATES + " states");
    }
    sets.add(set.stream().toArray());
    ids.put(set, sets.size() - 1);
    return sets.size() - 1;
  }

  /** The state after code point {@code cp}, or -1 if no string continues this way. */
  synchronized int next(int state, int cp) {
    long key = ((long) state << 21) | cp;
    Integer cached = transitions.get(key);
    if (cached != null) {
      return cached;
    }
    BitSet reached = new BitSet();
    for (int s : sets.get(state)) {
      int[] r = nfa.ranges.get(s);
      if (r != null && CharSets.contains(r, cp)) {
        reached.set(nfa.target.get(s));
      }
    }
    int result = reached.isEmpty() ? -1 : intern(closure(reached));
    transitions.put(key, result);
    return result;
  }

  /** Whether some code point in {@code [lo, hi]} continues from {@code state}. */
  synchronized boolean canStep(int state, int lo, int hi) {
    for (int s : sets.get(state)) {
      int[] r = nfa.ranges.get(s);
      if (r != null && CharSets.intersects(r, lo, hi)) {
        return true;
      }
    }
    return false;
  }

  synchronized boolean accepting(int state) {
    return Arrays.binarySearch(sets.get(state), nfa.accept) >= 0;
  }

  /**
   * The fewest bytes of JSON string text from {@code state} to an accepting state (characters that
   * JSON must escape count as their escapes).
   */
  synchronized int byteDistance(int state) {
    Integer known = byteDistances.get(state);
    if (known != null) {
      return known;
    }
    Map<Integer, Integer> best = new HashMap<>();
    java.util.PriorityQueue<int[]> queue =
        new java.util.PriorityQueue<>((x, y) -> Integer.compare(x[1], y[1]));
    queue.add(new int[] {state, 0});
    int result = Node.INFINITE;
    while (!queue.isEmpty()) {
      int[] e = queue.poll();
      if (best.containsKey(e[0])) {
        continue;
      }
      best.put(e[0], e[1]);
      if (accepting(e[0])) {
        result = e[1];
        break;
      }
      for (int cp : representatives) {
        int n = next(e[0], cp);
        if (n >= 0 && !best.containsKey(n)) {
          queue.add(new int[] {n, e[1] + jsonBytes(cp)});
        }
      }
    }
    byteDistances.put(state, result);
    return result;
  }

  private static int jsonBytes(int cp) {
    if (cp == '"' || cp == '\\') {
      return 2;
    }
    if (cp < 0x20) {
      return 6;
    }
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /**
   * The fewest code points from {@code state} to an accepting state ({@link Node#INFINITE} if
   * none).
   */
  synchronized int distance(int state) {
    Integer known = distances.get(state);
    if (known != null) {
      return known;
    }
    Map<Integer, Integer> seen = new HashMap<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    seen.put(state, 0);
    queue.add(state);
    int result = Node.INFINITE;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int d = Objects.requireNonNull(seen.get(s), "queued states are seen");
      if (accepting(s)) {
        result = d;
        break;
      }
      for (int cp : representatives) {
        int n = next(s, cp);
        if (n >= 0 && !seen.containsKey(n)) {
          seen.put(n, d + 1);
          queue.add(n);
        }
      }
    }
    distances.put(state, result);
    return result;
  }
}
