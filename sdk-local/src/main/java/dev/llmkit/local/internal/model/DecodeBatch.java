package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.TiledProducts;
import java.util.Arrays;

/**
 * One generation step for several sequences at once: row b of the batch is the next token of {@code
 * states[b]}, at that state's own position, attending over its own KV cache, with its own LoRA
 * adapter (if any). Each weight matrix is walked once per step for all rows (every weight row is
 * read from memory once and multiplied with each sequence's activations while it is in the cache),
 * and each product is one fork/join for the whole batch instead of one per sequence.
 *
 * <p>A row's values depend only on its own state and token, never on the other rows of the step:
 * the weight products are {@link TiledProducts} (whose per-product operation order is the same for
 * every batch size, including 1), and norms, RoPE and attention run row by row. So a sequence gets
 * the same logits bit for bit whether it steps alone ({@code count} 1) or with others, and the
 * engine runs every generation step through this class, batched or not. Against the single-token
 * {@link Llama#forward} (matrix × vector kernels with per-block scaling) the logits agree to float
 * rounding only. {@code DecodeBatchTest} checks both.
 *
 * <p>Not thread-safe: the scratch rows belong to this object; use one per thread (the engine uses
 * one per loaded model, under its forward lock).
 */
public final class DecodeBatch {
  private final LlamaConfig c;
  private final LlamaWeights w;
  private final ComputePool pool;
  private final Kernels kernels;
  private final Rope rope;
  private final Attention attention;
  private final int capacity;

  /** Activation rows for {@code capacity} tokens (its own KV cache has one unused position). */
  private final LlamaState s;

  private final float[] normed;
  private final int[] positions;

  /** The output head's products for all rows, before they are copied to each state's logits. */
  private final float[] headOut;

  private final KvCache[] caches;

  DecodeBatch(
      LlamaConfig config,
      LlamaWeights weights,
      ComputePool pool,
      Kernels kernels,
      Attention attention,
      int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.c = config;
    this.w = weights;
    this.pool = pool;
    this.kernels = kernels;
    this.rope = new Rope(config, weights);
    this.attention = attention;
    this.capacity = capacity;
    this.s = new LlamaState(config.withContextLength(1), capacity, KvCacheType.F32);
    this.normed = new float[capacity * config.embeddingLength()];
    this.positions = new int[capacity];
    this.headOut = new float[capacity * weights.output.rows()];
    this.caches = new KvCache[capacity];
  }

  /** The most sequences one {@link #step} takes. */
  public int capacity() {
    return capacity;
  }

  /**
   * Feeds {@code tokens[b]} to {@code states[b]} at its next position ({@link LlamaState#filled()})
   * for {@code b < count}, and leaves each state's logits (what {@link Llama#forward} returns, to
   * float rounding) in the returned array's row b. The states must be distinct and belong to this
   * model.
   *
   * @throws IllegalArgumentException for a count outside 1..capacity, a token outside the
   *     vocabulary, a full state, or the same state twice
   */
  public float[][] step(LlamaState[] states, int[] tokens, int count) {
    if (count < 1 || count > capacity || states.length < count || tokens.length < count) {
      throw new IllegalArgumentException(
          "count "
              + count
              + " must be between 1 and the capacity "
              + capacity
              + " and within the arrays");
    }
    float[][] logits = new float[count][];
    for (int b = 0; b < count; b++) {
      LlamaState st = states[b];
      if (tokens[b] < 0 || tokens[b] >= c.vocabularySize()) {
        throw new IllegalArgumentException(
            "token id "
                + tokens[b]
                + " is outside the vocabulary"
                + " [0, "
                + c.vocabularySize()
                + ")");
      }
      if (st.filled >= st.contextLength) {
        throw new IllegalArgumentException(
            "state " + b + " is full: " + st.filled + " of " + st.contextLength + " positions");
      }
      for (int o = 0; o < b; o++) {
        if (states[o] == st) {
          throw new IllegalArgumentException("state " + b + " also appears at " + o);
        }
      }
      positions[b] = st.filled;
      caches[b] = st.cache;
      logits[b] = st.logits;
    }
    layers(states, tokens, count);
    output(states, logits, count);
    for (int b = 0; b < count; b++) {
      states[b].filled = positions[b] + 1;
    }
    return logits;
  }

  private void layers(LlamaState[] states, int[] tokens, int n) {
    ModelOptions o = c.options();
    int dim = c.embeddingLength();
    int keyDim = c.keyDim();
    int valueDim = c.valueDim();
    for (int b = 0; b < n; b++) {
      w.tokenEmbedding.dequantizeRow(tokens[b], s.x, b * dim);
    }
    if (o.embeddingScale != 1f) {
      for (int i = 0; i < n * dim; i++) {
        s.x[i] *= o.embeddingScale;
      }
    }
    rope.tablesAt(s, positions, n);
    for (int l = 0; l < c.blockCount(); l++) {
      norm(s.xb, s.x, w.attentionNorm[l], n);
      products(
          new FloatTensor[] {w.wq[l], w.wk[l], w.wv[l]}, s.xb, n, new float[][] {s.q, s.k, s.v});
      adapt(states, n, l, LayerAdapter.Q, s.xb, dim, s.q, c.queryDim());
      adapt(states, n, l, LayerAdapter.K, s.xb, dim, s.k, keyDim);
      adapt(states, n, l, LayerAdapter.V, s.xb, dim, s.v, valueDim);
      if (w.bq != null && w.bk != null && w.bv != null) {
        RowOps.addRows(s.q, w.bq[l], n);
        RowOps.addRows(s.k, w.bk[l], n);
        RowOps.addRows(s.v, w.bv[l], n);
      }
      if (w.qNorm != null && w.kNorm != null) {
        RowOps.headNorm(s.q, w.qNorm[l], n * c.headCount(), c.keyLength(), c.rmsNormEps());
        RowOps.headNorm(s.k, w.kNorm[l], n * c.headCountKv(), c.keyLength(), c.rmsNormEps());
      }
      rope.rotate(s, o.ropeTable[l], s.q, n, c.headCount());
      rope.rotate(s, o.ropeTable[l], s.k, n, c.headCountKv());
      for (int b = 0; b < n; b++) {
        caches[b].store(l, positions[b], s.k, b * keyDim, s.v, b * valueDim);
      }
      attention.run(s.q, s.attentionOut, caches, positions, l, n);
      products(new FloatTensor[] {w.wo[l]}, s.attentionOut, n, new float[][] {s.projected});
      adapt(
          states,
          n,
          l,
          LayerAdapter.O,
          s.attentionOut,
          c.headCount() * c.valueLength(),
          s.projected,
          dim);
      if (w.postAttentionNorm != null) {
        norm(s.projected, s.projected, w.postAttentionNorm[l], n);
      }
      RowOps.add(s.x, s.projected, n * dim);
      norm(s.xb, s.x, w.ffnNorm[l], n);
      products(new FloatTensor[] {w.wGate[l], w.wUp[l]}, s.xb, n, new float[][] {s.gate, s.up});
      adapt(states, n, l, LayerAdapter.GATE, s.xb, dim, s.gate, c.feedForwardLength());
      adapt(states, n, l, LayerAdapter.UP, s.xb, dim, s.up, c.feedForwardLength());
      o.activation.gate(pool, kernels, s.gate, s.up, n, c.feedForwardLength());
      products(new FloatTensor[] {w.wDown[l]}, s.gate, n, new float[][] {s.projected});
      adapt(states, n, l, LayerAdapter.DOWN, s.gate, c.feedForwardLength(), s.projected, dim);
      if (w.postFfnNorm != null) {
        norm(s.projected, s.projected, w.postFfnNorm[l], n);
      }
      RowOps.add(s.x, s.projected, n * dim);
    }
  }

  /** Final norm, output head into each state's logits, and the final soft-cap. */
  private void output(LlamaState[] states, float[][] logits, int n) {
    int dim = c.embeddingLength();
    norm(normed, s.x, w.outputNorm, n);
    FloatTensor head = w.output;
    int vocab = head.rows();
    TiledProducts.products(
        pool, kernels, new FloatTensor[] {head}, normed, n, new float[][] {headOut});
    for (int b = 0; b < n; b++) {
      System.arraycopy(headOut, b * vocab, logits[b], 0, vocab);
      LayerAdapter a = states[b].adapter;
      if (a != null) {
        a.addToOutput(Arrays.copyOfRange(normed, b * dim, (b + 1) * dim), logits[b]);
      }
    }
    float cap = c.options().finalSoftCap;
    if (cap > 0) {
      for (int b = 0; b < n; b++) {
        float[] row = logits[b];
        for (int i = 0; i < row.length; i++) {
          row[i] = cap * (float) Math.tanh(row[i] / cap);
        }
      }
    }
  }

  /**
   * {@code outs[m][b * rows + r] = ws[m][r] · x_b} in one parallel pass of tiled products: each
   * weight row is read and decoded once for all batch rows, and each product's value does not
   * depend on the batch ({@link TiledProducts}).
   */
  private void products(FloatTensor[] ws, float[] x, int n, float[][] outs) {
    TiledProducts.products(pool, kernels, ws, x, n, outs);
  }

  /** Each row's own adapter correction (rows are independent, so one row at a time). */
  private static void adapt(
      LlamaState[] states,
      int n,
      int layer,
      int target,
      float[] in,
      int inDim,
      float[] out,
      int outDim) {
    float[] rowIn = null;
    float[] rowOut = null;
    for (int b = 0; b < n; b++) {
      LayerAdapter a = states[b].adapter;
      if (a == null) {
        continue;
      }
      if (b == 0) {
        a.addTo(layer, target, in, 1, out);
        continue;
      }
      if (rowIn == null || rowOut == null) { // allocated together, on the first adapted row
        rowIn = new float[inDim];
        rowOut = new float[outDim];
      }
      System.arraycopy(in, b * inDim, rowIn, 0, inDim);
      System.arraycopy(out, b * outDim, rowOut, 0, outDim);
      a.addTo(layer, target, rowIn, 1, rowOut);
      System.arraycopy(rowOut, 0, out, b * outDim, outDim);
    }
  }

  /** RMSNorm of rows {@code 0 .. n-1} of width dim from {@code x} into {@code out}. */
  private void norm(float[] out, float[] x, float[] weight, int n) {
    int dim = c.embeddingLength();
    for (int b = 0; b < n; b++) {
      RowOps.rmsNorm(out, b * dim, x, b * dim, weight, dim, c.rmsNormEps());
    }
  }

  @Override
  public String toString() {
    return "DecodeBatch[capacity " + capacity + ", " + c + "]";
  }
}
