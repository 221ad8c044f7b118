package dev.llmkit.local.internal.tensor;

/**
 * The inner loops of attention over a KV cache kept in tiles of {@value #TILE} positions. One KV
 * head's keys (or values) of width {@code len} are a run of tiles; tile {@code u} holds positions
 * {@code 16u .. 16u + 15} as {@code [len][16]}: element {@code i} of position {@code t} is at
 * {@code base + (t / 16) * len * 16 + i * 16 + t % 16}. A query's scores are then 16 independent
 * sums per tile (one per lane) and the weighted sum of values 16 products per lane, so both stream
 * through the cache whatever the head size, with no horizontal reduction per position.
 *
 * <p>Every method exists for float ({@code float[]}) and half-precision ({@code short[]}, IEEE
 * binary16 bits) caches. Two implementations: {@link #scalar()} (the reference) and the Vector API
 * one chosen with the matrix kernels ({@link #matching}).
 */
public interface AttentionKernels {
  /** Positions per tile. */
  int TILE = 16;

  /**
   * {@code scores[t] = scale × Σ_i q[qOff + i] · K(t, i)} for every position t of tiles {@code
   * [fromTile, toTile)} (whole tiles: positions past the filled ones get unused values).
   */
  void scores(
      float[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores);

  /** {@link #scores(float[], int, int, int, int, float[], int, float, float[])} of a half cache. */
  void scores(
      short[] keys,
      int base,
      int len,
      int fromTile,
      int toTile,
      float[] q,
      int qOff,
      float scale,
      float[] scores);

  /** In place over {@code p[from .. to)}: {@code p[t] = exp(p[t] − max) / Σ exp(p[u] − max)}. */
  void softmax(float[] p, int from, int to);

  /**
   * {@code out[outOff + j] = Σ_t p[t] · V(t, j)} over positions {@code t ∈ [from, to)}, for j below
   * {@code len}. Only those positions of the cache are read.
   */
  void weightedSum(
      float[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff);

  /** {@link #weightedSum(float[], int, int, int, int, float[], float[], int)} of a half cache. */
  void weightedSum(
      short[] values, int base, int len, int from, int to, float[] p, float[] out, int outOff);

  /** The reference kernels. */
  static AttentionKernels scalar() {
    return ScalarAttentionKernels.INSTANCE;
  }

  /** The attention kernels of the same family as {@code kernels}: vector with vector. */
  static AttentionKernels matching(Kernels kernels) {
    if (kernels instanceof ScalarKernels) {
      return ScalarAttentionKernels.INSTANCE;
    }
    return VectorHolder.INSTANCE;
  }

  /** Loads the vector attention kernels by name, once, when the vector matrix kernels are used. */
  final class VectorHolder {
    static final AttentionKernels INSTANCE = load();

    private VectorHolder() {}

    private static AttentionKernels load() {
      try {
        Class<?> c = Class.forName("dev.llmkit.local.internal.tensor.VectorAttentionKernels");
        return (AttentionKernels) c.getField("INSTANCE").get(null);
      } catch (ReflectiveOperationException | LinkageError e) {
        return ScalarAttentionKernels.INSTANCE;
      }
    }
  }

  /** Offset of element {@code i} of position {@code t} in a head's tiles starting at base. */
  static int offset(int base, int len, int t, int i) {
    return base + (t >>> 4) * len * TILE + i * TILE + (t & (TILE - 1));
  }
}
