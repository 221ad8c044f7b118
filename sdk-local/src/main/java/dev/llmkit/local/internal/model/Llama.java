package dev.llmkit.local.internal.model;

import dev.llmkit.ModelLoadException;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
import org.jspecify.annotations.Nullable;

/**
 * The forward pass of every supported decoder architecture (see {@link Architecture}),
 * parameterised by {@link LlamaConfig}, its {@link ModelOptions} (resolved once per layer, never
 * per element) and the optional tensors of {@link LlamaWeights}. Prompts are processed in batches
 * (matrix × matrix), generation one token at a time; matrix products and attention heads are split
 * over the {@link ComputePool}'s threads. Thread-safe as long as each thread uses its own {@link
 * LlamaState}; the pool is shared.
 */
public final class Llama {
  /**
   * Default largest number of tokens processed together in one batch: 64 decodes each weight row
   * half as often as 32 (prompt processing 1.07–1.22× faster on the TinyLlama and SmolLM2 shapes),
   * 128 gains nothing more (the batch's activations no longer stay in cache).
   */
  public static final int DEFAULT_MAX_BATCH = 64;

  /** Heap kept for everything but a KV cache (at most a quarter of the heap) when sizing one. */
  private static final long HEAP_MARGIN = 256L << 20;

  private final LlamaConfig config;
  private final LlamaWeights weights;
  private final ComputePool pool;
  private final Kernels kernels;
  private final int maxBatch;
  private final Rope rope;
  private final Attention attention;
  private final KvCacheType kvCacheType;

  /**
   * A model over loaded weights, with the active kernels, the default batch size and float KV
   * caches (the exact reference; the public default is chosen by the engine's settings).
   */
  public Llama(LlamaConfig config, LlamaWeights weights, ComputePool pool) {
    this(config, weights, pool, Kernels.active(), DEFAULT_MAX_BATCH);
  }

  /** A model with explicit kernels (tests compare scalar and vector) and batch size (≥ 1). */
  public Llama(
      LlamaConfig config, LlamaWeights weights, ComputePool pool, Kernels kernels, int maxBatch) {
    this(config, weights, pool, kernels, maxBatch, KvCacheType.F32);
  }

  /** A model whose states store their KV caches as {@code kvCacheType}. */
  public Llama(
      LlamaConfig config,
      LlamaWeights weights,
      ComputePool pool,
      Kernels kernels,
      int maxBatch,
      KvCacheType kvCacheType) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.config = config;
    this.weights = weights;
    this.pool = pool;
    this.kernels = kernels;
    this.maxBatch = maxBatch;
    this.rope = new Rope(config, weights);
    this.attention = new Attention(config, pool, kernels);
    this.kvCacheType = kvCacheType;
    kernels.warmUp(weights.matrices(), kvCacheType == KvCacheType.F16);
  }

  /**
   * Reads the configuration and maps the weights of an open GGUF file.
   *
   * @param contextLength KV cache size in positions, or 0 for the model's context length
   */
  public static Llama load(GgufFile file, int contextLength, ComputePool pool) {
    return load(file, contextLength, pool, KvCacheType.F32);
  }

  /** {@link #load(GgufFile, int, ComputePool)} with KV caches stored as {@code kvCacheType}. */
  public static Llama load(
      GgufFile file, int contextLength, ComputePool pool, KvCacheType kvCacheType) {
    if (contextLength < 0) {
      throw new IllegalArgumentException(
          "contextLength must be 0 (model default) or positive, got " + contextLength);
    }
    LlamaConfig config = LlamaConfig.from(file);
    if (contextLength > 0) {
      config = config.withContextLength(contextLength);
    }
    return new Llama(
        config,
        LlamaWeights.load(file, config),
        pool,
        Kernels.active(),
        DEFAULT_MAX_BATCH,
        kvCacheType);
  }

  public LlamaConfig config() {
    return config;
  }

  public LlamaWeights weights() {
    return weights;
  }

  /** How this model's states store their KV caches. */
  public KvCacheType kvCacheType() {
    return kvCacheType;
  }

  /**
   * A new session with an empty KV cache of {@code config().contextLength()} positions.
   *
   * @throws ModelLoadException when the KV cache does not fit in the heap (the message gives the
   *     sizes and the settings to change)
   */
  public LlamaState newState() {
    return newState(config.contextLength());
  }

  /**
   * A new session whose KV cache holds {@code contextLength} positions (any positive value; RoPE
   * does not depend on it, but quality past the model's trained context is not guaranteed).
   *
   * <p>A cache larger than the heap could ever hold (the maximum heap less a margin for everything
   * else) is refused before allocating. Otherwise the cache is allocated, and an {@link
   * OutOfMemoryError} of that allocation becomes a {@link ModelLoadException}. Free-heap estimates
   * are not used: they count dropped caches the collector has not reclaimed yet as used, and would
   * refuse caches the collector can make room for.
   *
   * @throws IllegalArgumentException if {@code contextLength < 1}
   * @throws ModelLoadException when the KV cache does not fit in the heap
   */
  public LlamaState newState(int contextLength) {
    LlamaConfig sized = config.withContextLength(contextLength);
    long needed =
        KvCache.bytes(config, contextLength, kvCacheType)
            + 4L
                * maxBatch
                * (3L * config.embeddingLength()
                    + config.queryDim()
                    + config.keyDim()
                    + config.valueDim()
                    + config.headCount() * config.valueLength()
                    + 2L * config.feedForwardLength())
            + 4L * config.vocabularySize();
    long maxHeap = Runtime.getRuntime().maxMemory();
    long usable = maxHeap - Math.min(HEAP_MARGIN, maxHeap / 4);
    if (needed > usable) {
      throw tooLarge(
          contextLength,
          needed,
          "the heap can hold at most about "
              + (usable >> 20)
              + " MiB of it (-Xmx "
              + (maxHeap >> 20)
              + " MiB less room for everything else)",
          null);
    }
    try {
      return new LlamaState(sized, maxBatch, kvCacheType);
    } catch (OutOfMemoryError e) {
      throw tooLarge(
          contextLength,
          needed,
          "the heap (-Xmx "
              + (maxHeap >> 20)
              + " MiB) has no room for it next to what else is in use",
          e);
    }
  }

  private static ModelLoadException tooLarge(
      int contextLength, long needed, String why, @Nullable Throwable cause) {
    return new ModelLoadException(
        "local",
        "the KV cache for "
            + contextLength
            + " positions needs "
            + (needed >> 20)
            + " MiB but "
            + why
            + "; lower llmkit.local.context-size or"
            + " llmkit.local.kv-cache-memory-limit (or ask for fewer tokens), or raise -Xmx",
        cause);
  }

  /**
   * A scratch for generation steps of up to {@code capacity} sequences at once; see {@link
   * DecodeBatch} (its rows do not depend on the batch; they equal this model's single-token {@link
   * #forward} to float rounding).
   */
  public DecodeBatch newDecodeBatch(int capacity) {
    return new DecodeBatch(config, weights, pool, kernels, attention, capacity);
  }

  /**
   * Feeds {@code tokens} at positions {@code startPos, startPos + 1, …} and returns the logits
   * (length = vocabulary size) of the last one. The returned array belongs to the state and is
   * overwritten by its next forward call.
   *
   * @param startPos at most {@link LlamaState#filled()}: continue the session, or rewind it
   * @throws IllegalArgumentException for empty tokens, ids outside the vocabulary, or positions
   *     outside the context
   */
  public float[] forward(LlamaState state, int[] tokens, int startPos) {
    check(state, tokens, startPos);
    return pool.pass(() -> run(state, tokens, startPos));
  }

  /**
   * {@link #forward} without the logits: fills the KV cache for {@code tokens} and skips the output
   * head (a matrix × vector product over the vocabulary), for the slices of a prompt before its
   * last.
   *
   * @throws IllegalArgumentException as {@link #forward} does
   */
  public void prefill(LlamaState state, int[] tokens, int startPos) {
    check(state, tokens, startPos);
    pool.pass(
        () -> {
          fill(state, tokens, startPos);
          return null;
        });
  }

  private void check(LlamaState state, int[] tokens, int startPos) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("tokens must not be empty");
    }
    if (startPos < 0 || startPos > state.filled) {
      throw new IllegalArgumentException(
          "startPos "
              + startPos
              + " must be between 0 and the "
              + state.filled
              + " positions already in the state");
    }
    if ((long) startPos + tokens.length > state.contextLength) {
      throw new IllegalArgumentException(
          "startPos "
              + startPos
              + " + "
              + tokens.length
              + " tokens exceeds the context length "
              + state.contextLength);
    }
    for (int t : tokens) {
      if (t < 0 || t >= config.vocabularySize()) {
        throw new IllegalArgumentException(
            "token id " + t + " is outside the vocabulary [0, " + config.vocabularySize() + ")");
      }
    }
  }

  /** {@link #forward} after its checks: one pass of the pool (workers stay ready throughout). */
  private float[] run(LlamaState state, int[] tokens, int startPos) {
    fill(state, tokens, startPos);
    int dim = config.embeddingLength();
    int last = (tokens.length - 1) % state.maxBatch;
    RowOps.rmsNorm(
        state.lastNormed, 0, state.x, last * dim, weights.outputNorm, dim, config.rmsNormEps());
    MatMul.matVec(pool, kernels, weights.output, state.lastNormed, 0, state.logits, 0);
    if (state.adapter != null) {
      state.adapter.addToOutput(state.lastNormed, state.logits);
    }
    float cap = config.options().finalSoftCap;
    if (cap > 0) {
      float[] logits = state.logits;
      for (int i = 0; i < logits.length; i++) {
        logits[i] = cap * (float) Math.tanh(logits[i] / cap);
      }
    }
    return state.logits;
  }

  /** The transformer layers over {@code tokens}, in batches of the state's size. */
  private void fill(LlamaState state, int[] tokens, int startPos) {
    state.filled = startPos;
    for (int from = 0; from < tokens.length; from += state.maxBatch) {
      int n = Math.min(state.maxBatch, tokens.length - from);
      batch(state, tokens, from, n, startPos + from);
      state.filled = startPos + from + n;
    }
  }

  private void batch(LlamaState s, int[] tokens, int from, int n, int pos0) {
    LlamaConfig c = config;
    ModelOptions o = c.options();
    LlamaWeights w = weights;
    int dim = c.embeddingLength();
    for (int b = 0; b < n; b++) {
      w.tokenEmbedding.dequantizeRow(tokens[from + b], s.x, b * dim);
    }
    if (o.embeddingScale != 1f) {
      scale(s.x, n * dim, o.embeddingScale);
    }
    rope.tables(s, n, pos0);
    for (int l = 0; l < c.blockCount(); l++) {
      for (int b = 0; b < n; b++) {
        RowOps.rmsNorm(s.xb, b * dim, s.x, b * dim, w.attentionNorm[l], dim, config.rmsNormEps());
      }
      MatMul.matMatMany(
          pool,
          kernels,
          new FloatTensor[] {w.wq[l], w.wk[l], w.wv[l]},
          s.xb,
          n,
          new float[][] {s.q, s.k, s.v});
      LayerAdapter a = s.adapter;
      if (a != null) {
        a.addTo(l, LayerAdapter.Q, s.xb, n, s.q);
        a.addTo(l, LayerAdapter.K, s.xb, n, s.k);
        a.addTo(l, LayerAdapter.V, s.xb, n, s.v);
      }
      if (w.bq != null && w.bk != null && w.bv != null) {
        RowOps.addRows(s.q, w.bq[l], n);
        RowOps.addRows(s.k, w.bk[l], n);
        RowOps.addRows(s.v, w.bv[l], n);
      }
      if (w.qNorm != null && w.kNorm != null) {
        RowOps.headNorm(s.q, w.qNorm[l], n * c.headCount(), c.keyLength(), c.rmsNormEps());
        RowOps.headNorm(s.k, w.kNorm[l], n * c.headCountKv(), c.keyLength(), c.rmsNormEps());
      }
      int ropeTable = o.ropeTable[l];
      rope.rotate(s, ropeTable, s.q, n, c.headCount());
      rope.rotate(s, ropeTable, s.k, n, c.headCountKv());
      for (int b = 0; b < n; b++) {
        s.cache.store(l, pos0 + b, s.k, b * c.keyDim(), s.v, b * c.valueDim());
      }
      attention.run(s, l, n, pos0);
      MatMul.matMat(pool, kernels, w.wo[l], s.attentionOut, n, s.projected);
      if (a != null) {
        a.addTo(l, LayerAdapter.O, s.attentionOut, n, s.projected);
      }
      if (w.postAttentionNorm != null) {
        normRows(s.projected, w.postAttentionNorm[l], n);
      }
      RowOps.add(s.x, s.projected, n * dim);
      for (int b = 0; b < n; b++) {
        RowOps.rmsNorm(s.xb, b * dim, s.x, b * dim, w.ffnNorm[l], dim, config.rmsNormEps());
      }
      MatMul.matMatMany(
          pool,
          kernels,
          new FloatTensor[] {w.wGate[l], w.wUp[l]},
          s.xb,
          n,
          new float[][] {s.gate, s.up});
      if (a != null) {
        a.addTo(l, LayerAdapter.GATE, s.xb, n, s.gate);
        a.addTo(l, LayerAdapter.UP, s.xb, n, s.up);
      }
      o.activation.gate(pool, kernels, s.gate, s.up, n, c.feedForwardLength());
      MatMul.matMat(pool, kernels, w.wDown[l], s.gate, n, s.projected);
      if (a != null) {
        a.addTo(l, LayerAdapter.DOWN, s.gate, n, s.projected);
      }
      if (w.postFfnNorm != null) {
        normRows(s.projected, w.postFfnNorm[l], n);
      }
      RowOps.add(s.x, s.projected, n * dim);
    }
  }

  /** RMSNorm of each of {@code n} rows of width dim, in place. */
  private void normRows(float[] rows, float[] weight, int n) {
    int dim = config.embeddingLength();
    for (int b = 0; b < n; b++) {
      RowOps.rmsNorm(rows, b * dim, rows, b * dim, weight, dim, config.rmsNormEps());
    }
  }

  private static void scale(float[] x, int n, float factor) {
    for (int i = 0; i < n; i++) {
      x[i] *= factor;
    }
  }

  @Override
  public String toString() {
    return "Llama["
        + config
        + ", "
        + weights.tokenEmbedding.type()
        + " embedding, kernels "
        + kernels.name()
        + ", threads "
        + pool.threads()
        + "]";
  }
}
