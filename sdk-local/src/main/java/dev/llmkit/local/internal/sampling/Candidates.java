package dev.llmkit.local.internal.sampling;

/**
 * The most likely tokens of a logit vector, best first (logit descending, ties by id ascending,
 * negative infinity never included), with the truncation steps of {@link Sampler}. One instance is
 * reused for every token of a sequence: its arrays grow to the largest candidate set seen and are
 * not allocated again, and selecting the best {@code k} of a vocabulary of {@code V} costs {@code
 * O(V + k log k)} comparisons in the usual case (a bounded heap that almost every token fails to
 * enter) instead of sorting the vocabulary.
 *
 * <p>Without top-k, top-p and min-p still need only a prefix of the sorted vocabulary: the best 64
 * are selected, and the set grows fourfold only while the prefix has not reached the probability
 * mass or the min-p threshold ({@link #selectNucleus}).
 */
final class Candidates {
  /** First size of the prefix selected when no top-k bounds the candidates. */
  static final int FIRST_PREFIX = 64;

  int[] ids;
  float[] logits;
  int size;
  private double[] probs = new double[0];

  Candidates() {
    this(16);
  }

  private Candidates(int capacity) {
    ids = new int[capacity];
    logits = new float[capacity];
  }

  /** All finite entries of {@code l}, sorted (a new instance; tests and small inputs). */
  static Candidates sorted(float[] l) {
    return sorted(l, 0);
  }

  /** The best {@code topK} entries of {@code l} (all when {@code topK <= 0}), sorted. */
  static Candidates sorted(float[] l, int topK) {
    Candidates c = new Candidates();
    c.selectTop(l, topK > 0 ? topK : l.length);
    return c;
  }

  /**
   * Sets the candidates to the best {@code min(k, finite entries)} entries of {@code l}, sorted: a
   * heap of the {@code k} best seen so far, its worst at the root, then heap-sorted.
   */
  void selectTop(float[] l, int k) {
    int cap = Math.min(k, l.length);
    if (cap <= 0) {
      size = 0;
      return;
    }
    ensure(cap);
    int[] heap = ids;
    int n = 0;
    int i = 0;
    // Fill the heap with the first cap finite entries.
    for (; i < l.length && n < cap; i++) {
      if (l[i] != Float.NEGATIVE_INFINITY && !Float.isNaN(l[i])) {
        heap[n] = i;
        siftUp(heap, n++, l);
      }
    }
    // A later id with an equal logit ranks lower, so only a strictly larger logit enters.
    for (; i < l.length; i++) {
      float v = l[i];
      if (v > l[heap[0]]) {
        heap[0] = i;
        siftDown(heap, 0, n, l);
      }
    }
    // Heap sort: repeatedly move the worst to the end; the array ends best first.
    for (int end = n - 1; end > 0; end--) {
      int worst = heap[0];
      heap[0] = heap[end];
      heap[end] = worst;
      siftDown(heap, 0, end, l);
    }
    size = n;
    for (int j = 0; j < n; j++) {
      logits[j] = l[ids[j]];
    }
  }

  /**
   * Candidates without a top-k bound: the shortest sorted prefix that reaches probability mass
   * {@code topP} (of the softmax over all of {@code l}, temperature 1) and keeps only tokens at or
   * above the min-p threshold ({@code logit >= max + ln(minP)}); with {@code topP >= 1} and {@code
   * minP <= 0} every finite token. Equivalent to sorting all tokens and applying {@link #topP} then
   * {@link #minP}, but sorts only a prefix.
   */
  void selectNucleus(float[] l, float topP, float minP) {
    float max = Float.NEGATIVE_INFINITY;
    int finite = 0;
    for (float v : l) {
      if (v != Float.NEGATIVE_INFINITY && !Float.isNaN(v)) {
        finite++;
        if (v > max) {
          max = v;
        }
      }
    }
    if (finite == 0) {
      size = 0;
      return;
    }
    int limit = finite;
    if (minP > 0f) {
      double threshold = max + Math.log(minP);
      limit = 0;
      for (float v : l) {
        if (v >= threshold) {
          limit++;
        }
      }
    }
    if (topP >= 1f) {
      selectTop(l, limit);
      return;
    }
    double sum = 0;
    for (float v : l) {
      if (v != Float.NEGATIVE_INFINITY && !Float.isNaN(v)) {
        sum += Math.exp(v - max);
      }
    }
    for (int m = Math.min(FIRST_PREFIX, limit); ; m = (int) Math.min(4L * m, limit)) {
      selectTop(l, m);
      double cumulative = 0;
      for (int k = 0; k < size; k++) {
        cumulative += Math.exp(logits[k] - max) / sum;
        if (cumulative >= topP) {
          size = k + 1;
          return;
        }
      }
      if (m >= limit) {
        return; // the min-p threshold (or the vocabulary) ends the prefix first
      }
    }
  }

  void topK(int k) {
    if (k > 0 && k < size) {
      size = k;
    }
  }

  /** Keeps the shortest prefix whose probability reaches {@code p}; at least one token. */
  void topP(float p) {
    if (p >= 1f || size <= 1) {
      return;
    }
    double[] probs = softmax(1f);
    double cumulative = 0;
    for (int k = 0; k < size; k++) {
      cumulative += probs[k];
      if (cumulative >= p) {
        size = k + 1;
        return;
      }
    }
  }

  /** Keeps tokens with {@code prob >= minP * maxProb}, i.e. {@code logit >= max + ln(minP)}. */
  void minP(float minP) {
    if (minP <= 0f || size <= 1) {
      return;
    }
    double threshold = logits[0] + Math.log(minP);
    int keep = 1;
    while (keep < size && logits[keep] >= threshold) {
      keep++;
    }
    size = keep;
  }

  /** Draws a token from the softmax of {@code logits / temperature} with {@code u in [0,1)}. */
  int draw(float temperature, double u) {
    double[] probs = softmax(temperature);
    double cumulative = 0;
    for (int k = 0; k < size; k++) {
      cumulative += probs[k];
      if (u < cumulative) {
        return ids[k];
      }
    }
    return ids[size - 1];
  }

  /** The softmax of the first {@code size} logits over {@code temperature}, in a reused array. */
  private double[] softmax(float temperature) {
    if (probs.length < size) {
      probs = new double[Math.max(size, 2 * probs.length)];
    }
    double max = logits[0];
    double sum = 0;
    for (int k = 0; k < size; k++) {
      probs[k] = Math.exp((logits[k] - max) / temperature);
      sum += probs[k];
    }
    for (int k = 0; k < size; k++) {
      probs[k] /= sum;
    }
    return probs;
  }

  private void ensure(int capacity) {
    if (ids.length < capacity) {
      int grown = Math.max(capacity, 2 * ids.length);
      ids = new int[grown];
      logits = new float[grown];
    }
  }

  /** Whether token {@code a} ranks below token {@code b}: lower logit, or equal and higher id. */
  private static boolean worse(int a, int b, float[] l) {
    return l[a] < l[b] || (l[a] == l[b] && a > b);
  }

  private static void siftUp(int[] heap, int at, float[] l) {
    int x = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!worse(x, heap[parent], l)) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = x;
  }

  private static void siftDown(int[] heap, int at, int n, float[] l) {
    int x = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && worse(heap[child + 1], heap[child], l)) {
        child++;
      }
      if (!worse(heap[child], x, l)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = x;
  }
}
