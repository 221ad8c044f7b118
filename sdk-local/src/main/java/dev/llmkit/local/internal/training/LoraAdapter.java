package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.model.LayerAdapter;
import dev.llmkit.local.internal.model.LlamaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * LoRA weights for some projections of every layer: per adapted (layer, target) a matrix A of
 * {@code rank} rows × in (ggml: a row is {@code in} floats) and B of out rows × {@code rank}, so
 * the projection becomes {@code y = Wx + (alpha / rank)·B(Ax)}. A fresh adapter has A drawn
 * uniformly from ±1/√in (PEFT's Kaiming-uniform) and B zero, so it starts as the base model.
 * Read-only once trained, and then safe to share between threads.
 */
public final class LoraAdapter implements LayerAdapter {
  private final int layers;
  private final int rank;
  private final float alpha;
  private final float scale;
  private final boolean[] targets;
  private final int[] inDim;
  private final int[] outDim;

  /** [layer][target] → A (rank × in) / B (out × rank), or null when not adapted. */
  final float[][] @Nullable [] a;

  final float[][] @Nullable [] b;

  /** The output head's A (rank × dim) and B (vocab × rank), or null when it is not adapted. */
  final float @Nullable [] headA;

  final float @Nullable [] headB;

  public LoraAdapter(LlamaConfig c, int rank, float alpha, boolean[] targets) {
    if (rank < 1) {
      throw new IllegalArgumentException("rank must be at least 1, got " + rank);
    }
    this.layers = c.blockCount();
    this.rank = rank;
    this.alpha = alpha;
    this.scale = alpha / rank;
    this.targets = java.util.Arrays.copyOf(targets, TARGET_COUNT);
    this.inDim = inDims(c);
    this.outDim = outDims(c);
    this.a = new float[layers][TARGET_TENSORS.length][];
    this.b = new float[layers][TARGET_TENSORS.length][];
    for (int l = 0; l < layers; l++) {
      for (int t = 0; t < TARGET_TENSORS.length; t++) {
        if (this.targets[t]) {
          a[l][t] = new float[rank * inDim[t]];
          b[l][t] = new float[outDim[t] * rank];
        }
      }
    }
    boolean head = this.targets[OUTPUT];
    this.headA = head ? new float[rank * inDim[OUTPUT]] : null;
    this.headB = head ? new float[outDim[OUTPUT] * rank] : null;
  }

  /** Input width of each target's projection. */
  static int[] inDims(LlamaConfig c) {
    int d = c.embeddingLength();
    return new int[] {d, d, d, c.headCount() * c.valueLength(), d, d, c.feedForwardLength(), d};
  }

  /** Output width of each target's projection. */
  static int[] outDims(LlamaConfig c) {
    int d = c.embeddingLength();
    int f = c.feedForwardLength();
    return new int[] {c.queryDim(), c.keyDim(), c.valueDim(), d, f, f, d, c.vocabularySize()};
  }

  /** Fills every A from {@code seed} (uniform ±1/√in) and zeroes every B. */
  void initialise(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < layers; l++) {
      for (int t = 0; t < TARGET_TENSORS.length; t++) {
        init(random, a[l][t], b[l][t], inDim[t]);
      }
    }
    init(random, headA, headB, inDim[OUTPUT]);
  }

  private static void init(
      SplittableRandom random, float @Nullable [] am, float @Nullable [] bm, int in) {
    if (am == null || bm == null) {
      return;
    }
    double bound = 1 / Math.sqrt(in);
    for (int i = 0; i < am.length; i++) {
      am[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    java.util.Arrays.fill(bm, 0f);
  }

  public int layers() {
    return layers;
  }

  public int rank() {
    return rank;
  }

  public float alpha() {
    return alpha;
  }

  /** alpha / rank. */
  public float scale() {
    return scale;
  }

  public boolean adapts(int target) {
    return targets[target];
  }

  public boolean[] targets() {
    return targets.clone();
  }

  int inDim(int target) {
    return inDim[target];
  }

  int outDim(int target) {
    return outDim[target];
  }

  public float @Nullable [] a(int layer, int target) {
    return a[layer][target];
  }

  public float @Nullable [] b(int layer, int target) {
    return b[layer][target];
  }

  /** The output head's A (rank × dim), or null when the head is not adapted. */
  public float @Nullable [] headA() {
    return headA;
  }

  /** The output head's B (vocab × rank), or null when the head is not adapted. */
  public float @Nullable [] headB() {
    return headB;
  }

  /** Every trainable array, in a fixed order: per layer, per target, A then B; then the head. */
  List<float[]> parameters() {
    List<float[]> all = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (int t = 0; t < TARGET_TENSORS.length; t++) {
        if (a[l][t] != null) {
          all.add(a[l][t]);
          all.add(b[l][t]);
        }
      }
    }
    if (headA != null && headB != null) {
      all.add(headA);
      all.add(headB);
    }
    return all;
  }

  /** Number of trainable floats. */
  public long parameterCount() {
    long n = 0;
    for (float[] p : parameters()) {
      n += p.length;
    }
    return n;
  }

  @Override
  public void addTo(int layer, int target, float[] in, int n, float[] out) {
    float[] am = a[layer][target];
    float[] bm = b[layer][target];
    if (am == null || bm == null) {
      return;
    }
    int ni = inDim[target];
    int no = outDim[target];
    float[] u = new float[rank];
    for (int row = 0; row < n; row++) {
      for (int j = 0; j < rank; j++) {
        double s = 0;
        int aOff = j * ni;
        int xOff = row * ni;
        for (int i = 0; i < ni; i++) {
          s += am[aOff + i] * in[xOff + i];
        }
        u[j] = (float) (s * scale);
      }
      int oOff = row * no;
      for (int o = 0; o < no; o++) {
        float s = 0;
        int bOff = o * rank;
        for (int j = 0; j < rank; j++) {
          s += bm[bOff + j] * u[j];
        }
        out[oOff + o] += s;
      }
    }
  }

  @Override
  public void addToOutput(float[] in, float[] logits) {
    float[] am = headA;
    float[] bm = headB;
    if (am == null || bm == null) {
      return;
    }
    float[] u = new float[rank];
    project(am, in, 0, inDim[OUTPUT], u);
    int vocab = outDim[OUTPUT];
    for (int v = 0; v < vocab; v++) {
      float s = 0;
      for (int j = 0; j < rank; j++) {
        s += bm[v * rank + j] * u[j];
      }
      logits[v] += s;
    }
  }

  /** {@code u = scale · A x} for the row of {@code x} at {@code xOff}. */
  void project(float[] am, float[] x, int xOff, int in, float[] u) {
    for (int j = 0; j < rank; j++) {
      double s = 0;
      for (int i = 0; i < in; i++) {
        s += am[j * in + i] * x[xOff + i];
      }
      u[j] = (float) (s * scale);
    }
  }

  @Override
  public String toString() {
    return "LoraAdapter[rank " + rank + ", alpha " + alpha + ", " + layers + " layers]";
  }
}
