package dev.llmkit.local.internal.training;

import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.internal.tensor.FloatTensor;
import dev.llmkit.local.internal.tensor.Kernels;
import org.jspecify.annotations.Nullable;

/**
 * The products and norms of training, over row-major float arrays. Every output element is computed
 * by one task in a fixed order, however the pool splits the work, so results do not depend on
 * thread timing (same inputs and thread count → same bits). Frozen weights are dequantized one row
 * at a time and never held whole.
 */
final class Ops {
  private final ComputePool pool;
  private final Kernels kernels;

  Ops(ComputePool pool, Kernels kernels) {
    this.pool = pool;
    this.kernels = kernels;
  }

  ComputePool pool() {
    return pool;
  }

  /** {@code out[t * rows + r] = W[r] · x[t * cols ..]} for t < n. */
  void matMat(FloatTensor w, float[] x, int n, float[] out) {
    int rows = w.rows();
    int cols = w.cols();
    pool.forRange(
        rows,
        (from, to) -> {
          float[] row = new float[cols];
          for (int r = from; r < to; r++) {
            w.dequantizeRow(r, row, 0);
            for (int t = 0; t < n; t++) {
              out[t * rows + r] = kernels.dot(row, 0, x, t * cols, cols);
            }
          }
        });
  }

  /** {@code dx[t * cols + i] += Σ_r W[r][i] · dy[t * rows + r]} for t < n (transposed product). */
  void matTMatAdd(FloatTensor w, float[] dy, int n, float[] dx) {
    int rows = w.rows();
    int cols = w.cols();
    int parts = Math.min(n, pool.threads());
    pool.forRange(
        parts,
        (fromPart, toPart) -> {
          float[] row = new float[cols];
          for (int p = fromPart; p < toPart; p++) {
            int t0 = (int) ((long) n * p / parts);
            int t1 = (int) ((long) n * (p + 1) / parts);
            for (int r = 0; r < rows; r++) {
              w.dequantizeRow(r, row, 0);
              for (int t = t0; t < t1; t++) {
                float g = dy[t * rows + r];
                if (g != 0f) {
                  kernels.axpy(g, row, 0, dx, t * cols, cols);
                }
              }
            }
          }
        });
  }

  /**
   * RMSNorm of each of n rows of width {@code dim}: {@code out = w ⊙ x · r} with {@code r =
   * 1/√(mean(x²) + eps)}, stored in {@code scales[scaleOff + row]} for the backward pass.
   */
  static void rmsNorm(
      float[] x,
      int xOff,
      float[] w,
      int dim,
      int n,
      float eps,
      float[] out,
      int outOff,
      float[] scales,
      int scaleOff) {
    for (int row = 0; row < n; row++) {
      int o = xOff + row * dim;
      double ss = 0;
      for (int i = 0; i < dim; i++) {
        ss += (double) x[o + i] * x[o + i];
      }
      float r = (float) (1.0 / Math.sqrt(ss / dim + eps));
      scales[scaleOff + row] = r;
      int q = outOff + row * dim;
      for (int i = 0; i < dim; i++) {
        out[q + i] = w[i] * (r * x[o + i]);
      }
    }
  }

  /**
   * Backward of {@link #rmsNorm}: {@code dx += r·(w ⊙ dy) − x·r³·Σ(w ⊙ dy ⊙ x)/dim}, per row.
   * {@code dx} may be {@code dy}'s array only when the rows do not overlap.
   */
  static void rmsNormBack(
      float[] x,
      int xOff,
      float[] w,
      int dim,
      int n,
      float[] scales,
      int scaleOff,
      float[] dy,
      int dyOff,
      float[] dx,
      int dxOff) {
    for (int row = 0; row < n; row++) {
      int o = xOff + row * dim;
      int g = dyOff + row * dim;
      double dot = 0;
      for (int i = 0; i < dim; i++) {
        dot += (double) w[i] * dy[g + i] * x[o + i];
      }
      float r = scales[scaleOff + row];
      float c = (float) (dot * r * r * r / dim);
      int d = dxOff + row * dim;
      for (int i = 0; i < dim; i++) {
        dx[d + i] += r * w[i] * dy[g + i] - x[o + i] * c;
      }
    }
  }

  /** {@code u[t * rank + j] = A[j] · x[t * in ..]}; A is rank × in. */
  void loraDown(float[] a, int rank, int in, float[] x, int n, float[] u) {
    pool.forRange(
        n,
        (from, to) -> {
          for (int t = from; t < to; t++) {
            for (int j = 0; j < rank; j++) {
              u[t * rank + j] = kernels.dot(a, j * in, x, t * in, in);
            }
          }
        });
  }

  /** {@code y[t * out + o] += scale · B[o] · u[t * rank ..]}; B is out × rank. */
  void loraUpAdd(float[] b, int rank, int out, float scale, float[] u, int n, float[] y) {
    pool.forRange(
        n,
        (from, to) -> {
          for (int t = from; t < to; t++) {
            for (int o = 0; o < out; o++) {
              float s = 0;
              for (int j = 0; j < rank; j++) {
                s += b[o * rank + j] * u[t * rank + j];
              }
              y[t * out + o] += scale * s;
            }
          }
        });
  }

  /**
   * Backward of {@code y += scale·B(Ax)}: adds to dB, dA and (if not null) dx, with {@code du} (n ×
   * rank) as scratch.
   */
  void loraBack(
      float[] a,
      float[] b,
      int rank,
      int in,
      int out,
      float scale,
      float[] x,
      float[] u,
      float[] dy,
      int n,
      float[] da,
      float[] db,
      float[] du,
      float @Nullable [] dx) {
    // dB[o][j] += scale Σ_t dy[t][o] u[t][j]
    pool.forRange(
        out,
        (from, to) -> {
          for (int o = from; o < to; o++) {
            for (int j = 0; j < rank; j++) {
              double s = 0;
              for (int t = 0; t < n; t++) {
                s += dy[t * out + o] * u[t * rank + j];
              }
              db[o * rank + j] += (float) (scale * s);
            }
          }
        });
    // du[t][j] = scale Σ_o B[o][j] dy[t][o]
    pool.forRange(
        n,
        (from, to) -> {
          for (int t = from; t < to; t++) {
            for (int j = 0; j < rank; j++) {
              double s = 0;
              for (int o = 0; o < out; o++) {
                s += b[o * rank + j] * dy[t * out + o];
              }
              du[t * rank + j] = (float) (scale * s);
            }
          }
        });
    // dA[j][i] += Σ_t du[t][j] x[t][i]
    pool.forRange(
        in,
        (from, to) -> {
          for (int j = 0; j < rank; j++) {
            for (int i = from; i < to; i++) {
              double s = 0;
              for (int t = 0; t < n; t++) {
                s += du[t * rank + j] * x[t * in + i];
              }
              da[j * in + i] += (float) s;
            }
          }
        });
    if (dx != null) {
      // dx[t][i] += Σ_j A[j][i] du[t][j]
      pool.forRange(
          n,
          (from, to) -> {
            for (int t = from; t < to; t++) {
              for (int j = 0; j < rank; j++) {
                kernels.axpy(du[t * rank + j], a, j * in, dx, t * in, in);
              }
            }
          });
    }
  }
}
