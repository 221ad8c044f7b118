package dev.llmkit.local.internal.model;

/**
 * One generation session: the KV cache ({@link KvCache}: float or half precision, sized by the
 * configured context length) and scratch buffers for batches of up to {@code maxBatch} tokens. Not
 * thread-safe; one per conversation. Create with {@link Llama#newState()}.
 */
public final class LlamaState {
  final int contextLength;
  final int maxBatch;

  /** Keys and values of positions [0, filled). */
  final KvCache cache;

  /** Attention's view of a prompt batch: row b's cache (this one) and position. */
  final KvCache[] rowCaches;

  final int[] rowPositions;

  /** Activations, [maxBatch × …]. */
  final float[] x;

  final float[] xb;
  final float[] q;
  final float[] k;
  final float[] v;
  final float[] attentionOut;
  final float[] projected;
  final float[] gate;
  final float[] up;

  /**
   * RoPE cos/sin per table (global, sliding layers) and batch position, [2][maxBatch × ropeDim/2].
   */
  final float[][] cos;

  final float[][] sin;
  final float[] lastNormed;
  final float[] logits;

  /** Number of positions [0, filled) whose keys and values are in the cache. */
  int filled;

  /** LoRA corrections applied by this state's forward passes, or null for the base model. */
  @org.jspecify.annotations.Nullable LayerAdapter adapter;

  LlamaState(LlamaConfig c, int maxBatch, KvCacheType kvCacheType) {
    long kvFloats =
        (long) KvCache.tiles(c.contextLength()) * 16 * Math.max(c.keyDim(), c.valueDim());
    if (kvFloats > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "context length "
              + c.contextLength()
              + " is too large for one KV cache array per layer; use a smaller context length");
    }
    this.contextLength = c.contextLength();
    this.maxBatch = maxBatch;
    this.cache = new KvCache(c, c.contextLength(), kvCacheType);
    this.rowCaches = new KvCache[maxBatch];
    this.rowPositions = new int[maxBatch];
    int dim = c.embeddingLength();
    this.x = new float[maxBatch * dim];
    this.xb = new float[maxBatch * Math.max(dim, c.feedForwardLength())];
    this.q = new float[maxBatch * c.queryDim()];
    this.k = new float[maxBatch * c.keyDim()];
    this.v = new float[maxBatch * c.valueDim()];
    this.attentionOut = new float[maxBatch * c.headCount() * c.valueLength()];
    this.projected = new float[maxBatch * dim];
    this.gate = new float[maxBatch * c.feedForwardLength()];
    this.up = new float[maxBatch * c.feedForwardLength()];
    this.cos = new float[2][maxBatch * c.ropeDimensionCount() / 2];
    this.sin = new float[2][maxBatch * c.ropeDimensionCount() / 2];
    this.lastNormed = new float[dim];
    this.logits = new float[c.vocabularySize()];
  }

  /** Positions the cache can hold. */
  public int contextLength() {
    return contextLength;
  }

  /** How the KV cache stores keys and values. */
  public KvCacheType kvCacheType() {
    return cache.type;
  }

  /** Applies {@code adapter} in later forward passes (null: the base model alone). */
  public void adapter(@org.jspecify.annotations.Nullable LayerAdapter adapter) {
    this.adapter = adapter;
  }

  /**
   * Positions whose keys/values are cached: the next {@link Llama#forward} may start at any
   * position up to this one (starting lower rewinds the session, e.g. to reuse a common prefix).
   */
  public int filled() {
    return filled;
  }
}
