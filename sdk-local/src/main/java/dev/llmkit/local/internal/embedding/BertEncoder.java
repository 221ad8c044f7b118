package dev.llmkit.local.internal.embedding;

import dev.llmkit.local.internal.engine.ModelInfo;
import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.Kernels;
import dev.llmkit.local.internal.tensor.MatMul;
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
 * embeddings but NeoX rotary positions on q and k, a fused QKV matrix, a SwiGLU feed-forward
 * block ({@code silu(gate·x) * up·x}) and no biases.
 */
public final class BertEncoder implements EmbeddingModel {
  /** Most tokens of several inputs encoded together in one batch. */
  static final int PACK_TOKENS = 512;
  /** Token rows multiplied together in one matrix product. */
  static final int TILE_TOKENS = 32;
  private final String id;
  private final GgufFile file;
  private final ComputePool pool;
  private final Kernels kernels;
  private final BertWeights w;
  private final WordPieceTokenizer tokenizer;

  private BertEncoder(String id, GgufFile file, ComputePool pool, Kernels kernels) {
    this.id = id;
    this.file = file;
    this.pool = pool;
    this.kernels = kernels;
    this.w = new BertWeights(file,
        file.metadata().getString("general.architecture").orElse("bert"));
    this.tokenizer = WordPieceTokenizer.fromMetadata(file.metadata(), file.path().toString());
  }

  /** Loads the model of an open file; the encoder owns (and closes) file and pool. */
  public static BertEncoder load(GgufFile file, ComputePool pool) {
    return new BertEncoder(ModelInfo.idOf(file.path()), file, pool, Kernels.active());
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
   * Packs several inputs into one batch of up to {@value #PACK_TOKENS} tokens, so each weight row
   * is read once for all of them; attention stays within each input, and positions restart at 0
   * for each input. The results equal those of {@link #embed} one input at a time.
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
    float[] row = new float[dim];
    for (int t = 0; t < n; t++) {
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
    float[] q = new float[n * dim];
    float[] k = new float[n * dim];
    float[] v = new float[n * dim];
    float[] attn = new float[n * dim];
    float[] proj = new float[n * dim];
    float[] hidden = new float[n * w.ffn];
    float[] gated = w.gate != null ? new float[n * w.ffn] : null;
    float[] qkv = w.wqkv != null ? new float[n * 3 * dim] : null;
    for (int l = 0; l < w.layers; l++) {
      if (qkv != null) {
        linear(w.wqkv[l], w.bqkv == null ? null : w.bqkv[l], x, n, qkv);
        for (int t = 0; t < n; t++) {
          System.arraycopy(qkv, t * 3 * dim, q, t * dim, dim);
          System.arraycopy(qkv, t * 3 * dim + dim, k, t * dim, dim);
          System.arraycopy(qkv, t * 3 * dim + 2 * dim, v, t * dim, dim);
        }
      } else {
        linear(w.wq[l], w.bq == null ? null : w.bq[l], x, n, q);
        linear(w.wk[l], w.bk == null ? null : w.bk[l], x, n, k);
        linear(w.wv[l], w.bv == null ? null : w.bv[l], x, n, v);
      }
      if (w.nomic) {
        rope(q, n, pos);
        rope(k, n, pos);
      }
      attention(q, k, v, n, segStart, segEnd, attn);
      linear(w.wo[l], w.bo == null ? null : w.bo[l], attn, n, proj);
      addAndNorm(x, proj, n, w.attnNormW[l], w.attnNormB[l]);
      linear(w.up[l], w.upB == null ? null : w.upB[l], x, n, hidden);
      if (gated != null) {
        linear(w.gate[l], null, x, n, gated);
        for (int i = 0; i < n * w.ffn; i++) {
          float g = gated[i];
          hidden[i] = g / (1f + (float) Math.exp(-g)) * hidden[i];
        }
      } else {
        for (int i = 0; i < n * w.ffn; i++) {
          hidden[i] = Gelu.apply(hidden[i]);
        }
      }
      linear(w.down[l], w.downB == null ? null : w.downB[l], hidden, n, proj);
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

  /**
   * {@code out = in · mᵀ (+ bias)} for {@code n} token rows, in tiles of {@value #TILE_TOKENS}
   * rows so that the activations a weight row meets stay in cache however long the batch is.
   */
  private void linear(dev.llmkit.local.internal.tensor.FloatTensor m, float @Nullable [] bias,
      float[] in, int n, float[] out) {
    int cols = m.cols();
    int rows = m.rows();
    if (n <= TILE_TOKENS) {
      MatMul.matMat(pool, kernels, m, in, n, out);
    } else {
      float[] tileIn = new float[TILE_TOKENS * cols];
      float[] tileOut = new float[TILE_TOKENS * rows];
      for (int from = 0; from < n; from += TILE_TOKENS) {
        int count = Math.min(TILE_TOKENS, n - from);
        System.arraycopy(in, from * cols, tileIn, 0, count * cols);
        MatMul.matMat(pool, kernels, m, tileIn, count, tileOut);
        System.arraycopy(tileOut, 0, out, from * rows, count * rows);
      }
    }
    if (bias == null) {
      return;
    }
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < rows; i++) {
        out[t * rows + i] += bias[i];
      }
    }
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
  private void attention(float[] q, float[] k, float[] v, int n, int[] segStart, int[] segEnd,
      float[] out) {
    int dim = w.dim;
    int heads = w.heads;
    int hd = dim / heads;
    float scale = (float) (1.0 / Math.sqrt(hd));
    pool.forRange(n * heads, (from, to) -> {
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

  private void addAndNorm(float[] x, float[] y, int n, float[] weight, float[] bias) {
    for (int i = 0; i < n * w.dim; i++) {
      x[i] += y[i];
    }
    for (int t = 0; t < n; t++) {
      layerNorm(x, t * w.dim, weight, bias);
    }
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
    return "BertEncoder[" + id + ", dim " + w.dim + ", layers " + w.layers + ", heads " + w.heads
        + ", pooling " + w.pooling + "]";
  }
}
