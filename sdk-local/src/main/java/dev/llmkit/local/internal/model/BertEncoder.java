package dev.llmkit.local.internal.model;

import dev.llmkit.local.internal.embedding.EmbeddingModel;
import dev.llmkit.local.internal.embedding.Pooling;
import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tokenizer.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The BERT encoder: token + absolute position + token-type embeddings, LayerNorm, then post-norm
 * layers of bidirectional multi-head attention and a GELU feed-forward block; the last hidden
 * states are pooled as the model's metadata says. All tokens of an input run as one batch.
 *
 * <p>{@code nomic-bert} models (nomic-embed-text) differ as llama.cpp runs them: no position
 * embeddings but NeoX rotary positions on q and k, a fused QKV matrix, a SwiGLU feed-forward block
 * ({@code silu(gate·x) * up·x}) and no biases.
 */
public final class BertEncoder implements EmbeddingModel {
  /** Most tokens of several inputs encoded together in one pass over the weights. */
  static final int PACK_TOKENS = 2048;

  private final String id;
  private final GgufFile file;
  private final ComputePool pool;
  private final Kernels kernels;
  private final BertWeights w;
  private final WordPieceTokenizer tokenizer;

  /** Per layer: q, k and v rows stacked (fused or copied together), or null when separate. */
  private final Linear @Nullable [] qkv;

  private final Linear @Nullable [] q;
  private final Linear @Nullable [] k;
  private final Linear @Nullable [] v;
  private final Linear[] o;
  private final Linear[] up;
  private final Linear @Nullable [] gate;
  private final Linear[] down;
  private final boolean heapWeights;

  private BertEncoder(
      String id, GgufFile file, ComputePool pool, Kernels kernels, @Nullable Boolean heapCopy) {
    this.id = id;
    this.file = file;
    this.pool = pool;
    this.kernels = kernels;
    this.w =
        new BertWeights(file, file.metadata().getString("general.architecture").orElse("bert"));
    this.tokenizer = WordPieceTokenizer.fromMetadata(file.metadata(), file.path().toString());
    int layers = w.layers;
    this.heapWeights = heapCopy != null ? heapCopy : heapHasRoom(layerFloats());
    boolean stacked = heapWeights || w.wqkv != null;
    qkv = stacked ? new Linear[layers] : null;
    q = stacked ? null : new Linear[layers];
    k = stacked ? null : new Linear[layers];
    v = stacked ? null : new Linear[layers];
    o = new Linear[layers];
    up = new Linear[layers];
    gate = w.gate != null ? new Linear[layers] : null;
    down = new Linear[layers];
    for (int l = 0; l < layers; l++) {
      // BertWeights sets either wqkv or all of wq/wk/wv; "stacked" sets qkv, else q/k/v.
      if (w.wqkv != null && qkv != null) {
        qkv[l] = linear(w.wqkv[l], w.bqkv == null ? null : w.bqkv[l]);
      } else if (w.wq == null || w.wk == null || w.wv == null) {
        throw new IllegalStateException("BertWeights has neither fused nor separate q/k/v");
      } else if (qkv != null) {
        qkv[l] =
            Linear.dense(
                new FloatTensor[] {w.wq[l], w.wk[l], w.wv[l]},
                w.bq == null || w.bk == null || w.bv == null
                    ? null
                    : new float[][] {w.bq[l], w.bk[l], w.bv[l]});
      } else if (q != null && k != null && v != null) {
        q[l] = Linear.mapped(w.wq[l], w.bq == null ? null : w.bq[l]);
        k[l] = Linear.mapped(w.wk[l], w.bk == null ? null : w.bk[l]);
        v[l] = Linear.mapped(w.wv[l], w.bv == null ? null : w.bv[l]);
      }
      o[l] = linear(w.wo[l], w.bo == null ? null : w.bo[l]);
      up[l] = linear(w.up[l], w.upB == null ? null : w.upB[l]);
      if (gate != null && w.gate != null) { // both or neither
        gate[l] = linear(w.gate[l], null);
      }
      down[l] = linear(w.down[l], w.downB == null ? null : w.downB[l]);
    }
  }

  private Linear linear(FloatTensor m, float @Nullable [] bias) {
    return heapWeights
        ? Linear.dense(new FloatTensor[] {m}, bias == null ? null : new float[][] {bias})
        : Linear.mapped(m, bias);
  }

  /** Elements of all layer matrices (the token embedding stays mapped). */
  private long layerFloats() {
    long perLayer = 4L * w.dim * w.dim + (w.gate != null ? 3L : 2L) * w.dim * w.ffn;
    return perLayer * w.layers;
  }

  /**
   * Whether the layer matrices fit on the heap as floats: the heap in use plus the copy within half
   * the maximum heap (all-MiniLM-L6-v2: 42 MB). Otherwise they stay mapped, decoded per tile.
   */
  private static boolean heapHasRoom(long floats) {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return floats < Integer.MAX_VALUE / 2 && used + 4 * floats <= rt.maxMemory() / 2;
  }

  /** Loads the model of an open file; the encoder owns (and closes) file and pool. */
  public static BertEncoder load(GgufFile file, ComputePool pool) {
    return new BertEncoder(ModelInfo.idOf(file.path()), file, pool, Kernels.active(), null);
  }

  /** {@link #load}, with the layer matrices copied to the heap or left mapped as told. */
  static BertEncoder load(GgufFile file, ComputePool pool, boolean heapCopy) {
    return new BertEncoder(ModelInfo.idOf(file.path()), file, pool, Kernels.active(), heapCopy);
  }

  /** Whether the layer matrices were copied to the heap as floats. */
  boolean heapWeights() {
    return heapWeights;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimensions() {
    return w.dim;
  }

  @Override
  public int maxTokens() {
    return w.contextLength;
  }

  @Override
  public int vocabularySize() {
    return w.vocabularySize;
  }

  public Pooling pooling() {
    return w.pooling;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int[] tokenize(String text, boolean parseSpecial) {
    return tokenizer.encode(text, Integer.MAX_VALUE, parseSpecial);
  }

  @Override
  public int[] truncate(int[] tokens, int maxTokens) {
    return tokenizer.truncate(tokens, maxTokens);
  }

  @Override
  public float[] embed(int[] tokens) {
    return embedAll(List.of(tokens)).get(0);
  }

  /**
   * Packs the inputs of a request into one batch of up to {@value #PACK_TOKENS} tokens (more inputs
   * take several), so each layer is one matrix-matrix product per weight matrix over all of them.
   * Attention is masked to each input's own tokens, as a padded batch with attention masks is, but
   * without computing padding; positions restart at 0 for each input. The results equal those of
   * {@link #embed} one input at a time (up to float summation order).
   */
  @Override
  public List<float[]> embedAll(List<int[]> inputs) {
    List<float[]> out = new ArrayList<>(inputs.size());
    int from = 0;
    while (from < inputs.size()) {
      int to = from;
      int tokens = 0;
      while (to < inputs.size() && (to == from || tokens + inputs.get(to).length <= PACK_TOKENS)) {
        tokens += inputs.get(to).length;
        to++;
      }
      out.addAll(encodePack(inputs.subList(from, to), tokens));
      from = to;
    }
    return out;
  }

  private List<float[]> encodePack(List<int[]> inputs, int n) {
    int dim = w.dim;
    int[] tokens = new int[n];
    int[] pos = new int[n];
    int[] segStart = new int[n];
    int[] segEnd = new int[n];
    int at = 0;
    for (int[] input : inputs) {
      for (int i = 0; i < input.length; i++) {
        tokens[at + i] = input[i];
        pos[at + i] = i;
        segStart[at + i] = at;
        segEnd[at + i] = at + input.length;
      }
      at += input.length;
    }
    float[] x = new float[n * dim];
    pool.forRange(n, (from, to) -> embedTokens(tokens, pos, x, from, to));
    float[] qb = new float[n * dim];
    float[] kb = new float[n * dim];
    float[] vb = new float[n * dim];
    float[] attn = new float[n * dim];
    float[] proj = new float[n * dim];
    float[] hidden = new float[n * w.ffn];
    float[] gated = gate != null ? new float[n * w.ffn] : null;
    float[] fused = qkv != null ? new float[n * 3 * dim] : null;
    for (int l = 0; l < w.layers; l++) {
      if (fused != null && qkv != null) { // fused is allocated exactly when qkv is set
        qkv[l].apply(pool, kernels, x, n, fused);
        for (int t = 0; t < n; t++) {
          System.arraycopy(fused, t * 3 * dim, qb, t * dim, dim);
          System.arraycopy(fused, t * 3 * dim + dim, kb, t * dim, dim);
          System.arraycopy(fused, t * 3 * dim + 2 * dim, vb, t * dim, dim);
        }
      } else if (q != null && k != null && v != null) { // set whenever qkv is not
        q[l].apply(pool, kernels, x, n, qb);
        k[l].apply(pool, kernels, x, n, kb);
        v[l].apply(pool, kernels, x, n, vb);
      }
      if (w.nomic) {
        rope(qb, n, pos);
        rope(kb, n, pos);
      }
      attention(qb, kb, vb, n, segStart, segEnd, attn);
      o[l].apply(pool, kernels, attn, n, proj);
      addAndNorm(x, proj, n, w.attnNormW[l], w.attnNormB[l]);
      up[l].apply(pool, kernels, x, n, hidden);
      if (gated != null && gate != null) { // gated is allocated exactly when gate is set
        gate[l].apply(pool, kernels, x, n, gated);
      }
      activate(hidden, gated, n);
      down[l].apply(pool, kernels, hidden, n, proj);
      addAndNorm(x, proj, n, w.outNormW[l], w.outNormB[l]);
    }
    List<float[]> pooled = new ArrayList<>(inputs.size());
    at = 0;
    for (int[] input : inputs) {
      float[] rows = Arrays.copyOfRange(x, at * dim, (at + input.length) * dim);
      pooled.add(w.pooling.pool(rows, input.length, dim));
      at += input.length;
    }
    return pooled;
  }

  /** Token + position + token-type embeddings of tokens [from, to), layer-normalised. */
  private void embedTokens(int[] tokens, int[] pos, float[] x, int from, int to) {
    int dim = w.dim;
    float[] row = new float[dim];
    for (int t = from; t < to; t++) {
      int off = t * dim;
      w.tokenEmbedding.dequantizeRow(tokens[t], x, off);
      if (w.positionEmbedding != null) {
        w.positionEmbedding.dequantizeRow(pos[t], row, 0);
      } else {
        Arrays.fill(row, 0f);
      }
      for (int i = 0; i < dim; i++) {
        x[off + i] += row[i] + (w.tokenType0 != null ? w.tokenType0[i] : 0f);
      }
      layerNorm(x, off, w.embNormW, w.embNormB);
    }
  }

  /** GELU of {@code hidden}, or SwiGLU {@code silu(gated) * hidden}, token rows in parallel. */
  private void activate(float[] hidden, float @Nullable [] gated, int n) {
    int ffn = w.ffn;
    pool.forRange(
        n,
        (from, to) -> {
          for (int i = from * ffn; i < to * ffn; i++) {
            if (gated != null) {
              float g = gated[i];
              hidden[i] = g / (1f + (float) Math.exp(-g)) * hidden[i];
            } else {
              hidden[i] = Gelu.apply(hidden[i]);
            }
          }
        });
  }

  /** NeoX rotary positions (pairs i, i + headDim/2) on every head of every token, in place. */
  private void rope(float[] v, int n, int[] pos) {
    int hd = w.dim / w.heads;
    int half = hd / 2;
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < half; i++) {
        double angle = pos[t] * Math.pow(w.ropeFreqBase, -2.0 * i / hd);
        float cos = (float) Math.cos(angle);
        float sin = (float) Math.sin(angle);
        for (int h = 0; h < w.heads; h++) {
          int base = t * w.dim + h * hd;
          float x0 = v[base + i];
          float x1 = v[base + i + half];
          v[base + i] = x0 * cos - x1 * sin;
          v[base + i + half] = x0 * sin + x1 * cos;
        }
      }
    }
  }

  /**
   * Bidirectional attention of every token over the tokens of its own input ({@code [segStart,
   * segEnd)}), heads split over threads.
   */
  private void attention(
      float[] q, float[] k, float[] v, int n, int[] segStart, int[] segEnd, float[] out) {
    int dim = w.dim;
    int heads = w.heads;
    int hd = dim / heads;
    float scale = (float) (1.0 / Math.sqrt(hd));
    pool.forRange(
        n * heads,
        (from, to) -> {
          float[] scores = new float[n];
          for (int idx = from; idx < to; idx++) {
            int t = idx / heads;
            int h = idx % heads;
            int qOff = t * dim + h * hd;
            int s0 = segStart[t];
            int s1 = segEnd[t];
            float max = Float.NEGATIVE_INFINITY;
            for (int s = s0; s < s1; s++) {
              scores[s] = kernels.dot(q, qOff, k, s * dim + h * hd, hd) * scale;
              max = Math.max(max, scores[s]);
            }
            float sum = 0f;
            for (int s = s0; s < s1; s++) {
              scores[s] = (float) Math.exp(scores[s] - max);
              sum += scores[s];
            }
            Arrays.fill(out, qOff, qOff + hd, 0f);
            for (int s = s0; s < s1; s++) {
              kernels.axpy(scores[s] / sum, v, s * dim + h * hd, out, qOff, hd);
            }
          }
        });
  }

  /** {@code x = LayerNorm(x + y)} per token row, rows in parallel. */
  private void addAndNorm(float[] x, float[] y, int n, float[] weight, float[] bias) {
    int dim = w.dim;
    pool.forRange(
        n,
        (from, to) -> {
          for (int i = from * dim; i < to * dim; i++) {
            x[i] += y[i];
          }
          for (int t = from; t < to; t++) {
            layerNorm(x, t * dim, weight, bias);
          }
        });
  }

  private void layerNorm(float[] x, int off, float[] weight, float[] bias) {
    int dim = w.dim;
    double mean = 0;
    for (int i = 0; i < dim; i++) {
      mean += x[off + i];
    }
    mean /= dim;
    double var = 0;
    for (int i = 0; i < dim; i++) {
      double d = x[off + i] - mean;
      var += d * d;
    }
    float inv = (float) (1.0 / Math.sqrt(var / dim + w.eps));
    for (int i = 0; i < dim; i++) {
      x[off + i] = (float) ((x[off + i] - mean) * inv) * weight[i] + bias[i];
    }
  }

  @Override
  public void close() {
    pool.close();
    file.close();
  }

  @Override
  public String toString() {
    return "BertEncoder["
        + id
        + ", dim "
        + w.dim
        + ", layers "
        + w.layers
        + ", heads "
        + w.heads
        + ", pooling "
        + w.pooling
        + "]";
  }
}
