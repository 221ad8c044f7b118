package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Dot products of one weight row (in its ggml block layout, read from a little-endian buffer
 * starting at byte {@code off}) with {@code n} floats of {@code x} from {@code xOff}, plus the
 * float-only helpers of attention.
 *
 * <p>Two implementations: {@link ScalarKernels}, the reference, and {@code VectorKernels} (Vector
 * API). {@link #active()} picks one once, at class initialisation; see {@link KernelSelection}. For
 * quantized types {@code n} is a multiple of the block size.
 */
public interface Kernels {
  float dotF32(ByteBuffer w, int off, float[] x, int xOff, int n);

  float dotF16(ByteBuffer w, int off, float[] x, int xOff, int n);

  float dotBF16(ByteBuffer w, int off, float[] x, int xOff, int n);

  float dotQ8_0(ByteBuffer w, int off, float[] x, int xOff, int n);

  float dotQ4_0(ByteBuffer w, int off, float[] x, int xOff, int n);

  /**
   * Q8_0 copied to the heap ({@link Q8_0Tensor} on-heap form): quants {@code q[qOff .. qOff + n)},
   * one float scale per 32 of them from {@code d[dOff]}.
   */
  float dotQ8_0(byte[] q, int qOff, float[] d, int dOff, float[] x, int xOff, int n);

  /**
   * Q4_0 copied to the heap: 16 bytes per block from {@code q[qOff]} (byte i holds element i in its
   * low nibble, element i + 16 in its high nibble), one float scale per block from {@code d[dOff]}.
   */
  float dotQ4_0(byte[] q, int qOff, float[] d, int dOff, float[] x, int xOff, int n);

  float dotQ4_K(ByteBuffer w, int off, float[] x, int xOff, int n);

  /**
   * Q4_K copied to the heap: the 128 quant bytes of each super-block from {@code q[qOff]} (layout
   * as in the file), and per sub-block of 32 a float scale and min from {@code scales[sOff]},
   * {@code mins[sOff]}: element = scale × nibble + min.
   */
  float dotQ4_K(
      byte[] q, int qOff, float[] scales, float[] mins, int sOff, float[] x, int xOff, int n);

  float dotQ6_K(ByteBuffer w, int off, float[] x, int xOff, int n);

  /**
   * Q6_K copied to the heap: the first 192 bytes of each super-block ({@code ql}, {@code qh}) from
   * {@code q[qOff]}, and its 16 scales times {@code d} as floats from {@code scales[sOff]}.
   */
  float dotQ6_K(byte[] q, int qOff, float[] scales, int sOff, float[] x, int xOff, int n);

  /**
   * The matrix × vector kernel: {@code out[outOff + r] = W[r] · x[xOff ..]} for the rows r in
   * {@code [from, to)} (one thread's share of a matrix). Every value equals {@link
   * FloatTensor#dot(Kernels, int, float[], int)} of its row bit for bit; implementations only
   * organise the work better (several rows per pass, fewer buffer reads).
   */
  default void dotRows(
      FloatTensor w, int from, int to, float[] x, int xOff, float[] out, int outOff) {
    for (int r = from; r < to; r++) {
      out[outOff + r] = w.dot(this, r, x, xOff);
    }
  }

  /** A row of any {@link BlockFormat} (the types without a method of their own above). */
  float dot(BlockFormat format, ByteBuffer w, int off, float[] x, int xOff, int n);

  /** Σ a[aOff+i] * b[bOff+i] for i in [0, n). */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /**
   * Two rows times four: with {@code w0 = w[wOff ..]}, {@code w1 = w[wOff + n ..]} and {@code x_j =
   * x[xOff + j * xStride ..]}, sets {@code out[j] = w0 · x_j} and {@code out[4 + j] = w1 · x_j}
   * (vectors of length n, j in 0..3).
   */
  void dot2x4(float[] w, int wOff, float[] x, int xOff, int xStride, int n, float[] out);

  /**
   * Four rows times four: with {@code w_r = w[wOff + r * n ..]} and {@code x_j = x[xOff + j *
   * xStride ..]}, sets {@code out[4 * r + j] = w_r · x_j} (vectors of length n, r and j in 0..3).
   */
  void dot4x4(float[] w, int wOff, float[] x, int xOff, int xStride, int n, float[] out);

  /**
   * Row {@code row} of {@code w} as floats into {@code out[outOff .. outOff + w.cols())}: the
   * values of {@link FloatTensor#dequantizeRow}, decoded in vector registers where the kernels can.
   */
  void decodeRow(FloatTensor w, int row, float[] out, int outOff);

  /**
   * For the panels {@code [panelFrom, panelTo)} of {@code m}: {@code out[t * m.rows() + r] = W[r] ·
   * x[t * m.cols() ..] + bias[r]} for every row r of those panels and t in [0, tokens).
   */
  void matMulPacked(PackedMatrix m, int panelFrom, int panelTo, float[] x, int tokens, float[] out);

  /** y[yOff+i] += alpha * x[xOff+i] for i in [0, n). */
  void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * The gated FFN's activation, {@code gate[i] = act(gate[i]) · up[i]} for i in {@code [from, to)}:
   * SiLU {@code g / (1 + e^-g)}, or with {@code geluTanh} GELU's tanh approximation {@code ½g(1 +
   * tanh(√(2/π)(g + 0.044715g³)))}. Each element's value depends on its inputs only, not on its
   * position or the range (a batch gives the same values however it is split).
   */
  void gatedActivation(boolean geluTanh, float[] gate, float[] up, int from, int to);

  /**
   * Gets these kernels ready for a model with these weight matrices and a half-precision ({@code
   * halfCache}) or float KV cache, before its first request: the vector kernels have the kernels it
   * will call compiled on tiny inputs first, once per process and tensor type (see {@code
   * VectorWarmUp}); the scalar kernels need nothing. Changes no result.
   */
  default void warmUp(Collection<FloatTensor> weights, boolean halfCache) {}

  /** A short name for logs: "scalar" or "vector(…)". */
  String name();

  /**
   * Starts the queued kernel warm-up on its background thread (see {@code BackgroundWarmUp}); a
   * model's loader calls it when the model is ready, so that the warm-up neither slows the load nor
   * waits for the first request. Without this call it starts at the first matrix product.
   */
  static void startWarmUp() {
    BackgroundWarmUp.release();
  }

  /**
   * Starts choosing the kernels on a thread of its own, once per process, so that a model's loader
   * parses its file while the Vector API initialises; {@link #active()} then waits for the choice.
   * See {@link SelectionAhead}.
   */
  static void selectAhead() {
    SelectionAhead.start();
  }

  /** The kernels chosen at startup (vector when available and allowed, else scalar). */
  static Kernels active() {
    return KernelSelection.ACTIVE;
  }
}
