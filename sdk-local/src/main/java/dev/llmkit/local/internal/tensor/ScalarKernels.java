package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;

/**
 * The reference kernels: plain Java, one element at a time, float accumulation per block. Quant
 * bytes are read eight at a time ({@code getLong}) because each ByteBuffer read costs checks. Q8_0
 * sums run in four independent partial sums (lanes i mod 4, added pairwise per block): one float
 * sum is bound by the latency of the add before it (Q4_0 gains nothing from more than two).
 */
public final class ScalarKernels implements Kernels {
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(BlockFormat format, ByteBuffer w, int off, float[] x, int xOff, int n) {
    return format.dot(w, off, x, xOff, n);
  }

  @Override
  public float dotF32(ByteBuffer w, int off, float[] x, int xOff, int n) {
    // four partial sums: a single float sum is bound by the add latency
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += w.getFloat(off + 4 * i) * x[xOff + i];
      s1 += w.getFloat(off + 4 * (i + 1)) * x[xOff + i + 1];
      s2 += w.getFloat(off + 4 * (i + 2)) * x[xOff + i + 2];
      s3 += w.getFloat(off + 4 * (i + 3)) * x[xOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += w.getFloat(off + 4 * i) * x[xOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dotF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    // four partial sums: a single float sum is bound by the add latency
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += Float16.toFloat(w.getShort(off + 2 * i)) * x[xOff + i];
      s1 += Float16.toFloat(w.getShort(off + 2 * (i + 1))) * x[xOff + i + 1];
      s2 += Float16.toFloat(w.getShort(off + 2 * (i + 2))) * x[xOff + i + 2];
      s3 += Float16.toFloat(w.getShort(off + 2 * (i + 3))) * x[xOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += Float16.toFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dotBF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    // four partial sums: a single float sum is bound by the add latency
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += Float16.bf16ToFloat(w.getShort(off + 2 * i)) * x[xOff + i];
      s1 += Float16.bf16ToFloat(w.getShort(off + 2 * (i + 1))) * x[xOff + i + 1];
      s2 += Float16.bf16ToFloat(w.getShort(off + 2 * (i + 2))) * x[xOff + i + 2];
      s3 += Float16.bf16ToFloat(w.getShort(off + 2 * (i + 3))) * x[xOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += Float16.bf16ToFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dotQ8_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int k = 0; k < 4; k++) {
        long e = w.getLong(block + 2 + 8 * k); // one buffer read per 8 quants
        int i = xOff + b * 32 + 8 * k;
        s0 += (byte) e * x[i];
        s1 += (byte) (e >>> 8) * x[i + 1];
        s2 += (byte) (e >>> 16) * x[i + 2];
        s3 += (byte) (e >>> 24) * x[i + 3];
        s0 += (byte) (e >>> 32) * x[i + 4];
        s1 += (byte) (e >>> 40) * x[i + 5];
        s2 += (byte) (e >>> 48) * x[i + 6];
        s3 += (byte) (e >>> 56) * x[i + 7];
      }
      sum += ((s0 + s1) + (s2 + s3)) * d;
    }
    return sum;
  }

  @Override
  public float dotQ4_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q4_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      int xb = xOff + b * 32;
      float lo = 0f;
      float hi = 0f;
      for (int k = 0; k < 2; k++) {
        long eight = w.getLong(block + 2 + 8 * k);
        for (int t = 0; t < 8; t++) {
          int q = (int) (eight >>> (8 * t)) & 0xFF;
          int i = 8 * k + t;
          lo += ((q & 0x0F) - 8) * x[xb + i];
          hi += ((q >>> 4) - 8) * x[xb + 16 + i];
        }
      }
      sum += (lo + hi) * d;
    }
    return sum;
  }

  @Override
  public float dotQ8_0(byte[] q, int qOff, float[] d, int dOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int qb = qOff + b * 32;
      int xb = xOff + b * 32;
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int i = 0; i < 32; i += 4) {
        s0 += q[qb + i] * x[xb + i];
        s1 += q[qb + i + 1] * x[xb + i + 1];
        s2 += q[qb + i + 2] * x[xb + i + 2];
        s3 += q[qb + i + 3] * x[xb + i + 3];
      }
      sum += ((s0 + s1) + (s2 + s3)) * d[dOff + b];
    }
    return sum;
  }

  @Override
  public float dotQ4_0(byte[] q, int qOff, float[] d, int dOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int qb = qOff + b * 16;
      int xb = xOff + b * 32;
      float lo = 0f;
      float hi = 0f;
      for (int i = 0; i < 16; i++) {
        int v = q[qb + i] & 0xFF;
        lo += ((v & 0x0F) - 8) * x[xb + i];
        hi += ((v >>> 4) - 8) * x[xb + 16 + i];
      }
      sum += (lo + hi) * d[dOff + b];
    }
    return sum;
  }

  @Override
  public float dotQ4_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    int[] scales = new int[8];
    int[] mins = new int[8];
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q4_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      float dmin = Float16.toFloat(w.getShort(block + 2));
      KQuants.unpackScales(w, block + 4, scales, mins);
      int qs = block + 16;
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        float lo = 0f;
        float hi = 0f;
        float xLo = 0f;
        float xHi = 0f;
        for (int k = 0; k < 4; k++) {
          long eight = w.getLong(qs + 32 * c + 8 * k);
          for (int t = 0; t < 8; t++) {
            int q = (int) (eight >>> (8 * t)) & 0xFF;
            int l = 8 * k + t;
            float a = x[xb + 64 * c + l];
            float h = x[xb + 64 * c + 32 + l];
            lo += (q & 0x0F) * a;
            hi += (q >>> 4) * h;
            xLo += a;
            xHi += h;
          }
        }
        sum +=
            d * (scales[2 * c] * lo + scales[2 * c + 1] * hi)
                - dmin * (mins[2 * c] * xLo + mins[2 * c + 1] * xHi);
      }
    }
    return sum;
  }

  @Override
  public float dotQ4_K(
      byte[] q, int qOff, float[] scales, float[] mins, int sOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      for (int c = 0; c < 4; c++) {
        int qc = qOff + b * 128 + 32 * c;
        int xc = xOff + b * 256 + 64 * c;
        int sub = sOff + b * 8 + 2 * c;
        float lo = 0f;
        float hi = 0f;
        float xLo = 0f;
        float xHi = 0f;
        for (int l = 0; l < 32; l++) {
          int v = q[qc + l] & 0xFF;
          lo += (v & 0x0F) * x[xc + l];
          hi += (v >>> 4) * x[xc + 32 + l];
          xLo += x[xc + l];
          xHi += x[xc + 32 + l];
        }
        sum += scales[sub] * lo + mins[sub] * xLo + scales[sub + 1] * hi + mins[sub + 1] * xHi;
      }
    }
    return sum;
  }

  @Override
  public float dotQ6_K(byte[] q, int qOff, float[] scales, int sOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      for (int half = 0; half < 2; half++) {
        int ql = qOff + b * 192 + 64 * half;
        int qh = qOff + b * 192 + 128 + 32 * half;
        int sc = sOff + b * 16 + 8 * half;
        int xb = xOff + b * 256 + 128 * half;
        for (int l = 0; l < 32; l++) {
          int low = q[ql + l] & 0xFF;
          int lowB = q[ql + 32 + l] & 0xFF;
          int high = q[qh + l] & 0xFF;
          int is = l / 16;
          sum += scales[sc + is] * (((low & 0x0F) | ((high & 3) << 4)) - 32) * x[xb + l];
          sum +=
              scales[sc + is + 2]
                  * (((lowB & 0x0F) | (((high >>> 2) & 3) << 4)) - 32)
                  * x[xb + 32 + l];
          sum +=
              scales[sc + is + 4]
                  * (((low >>> 4) | (((high >>> 4) & 3) << 4)) - 32)
                  * x[xb + 64 + l];
          sum +=
              scales[sc + is + 6]
                  * (((lowB >>> 4) | (((high >>> 6) & 3) << 4)) - 32)
                  * x[xb + 96 + l];
        }
      }
    }
    return sum;
  }

  @Override
  public float dotQ6_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        int sc = block + 192 + 8 * half;
        int xb = xOff + b * 256 + 128 * half;
        // g: which 16 of each 32 elements (scales g, g + 2, g + 4, g + 6)
        for (int g = 0; g < 2; g++) {
          float p0 = 0f;
          float p2 = 0f;
          float p4 = 0f;
          float p6 = 0f;
          for (int k = 2 * g; k < 2 * g + 2; k++) {
            long lowA = w.getLong(ql + 8 * k);
            long lowC = w.getLong(ql + 32 + 8 * k);
            long high = w.getLong(qh + 8 * k);
            for (int t = 0; t < 8; t++) {
              int l = 8 * k + t;
              int a = (int) (lowA >>> (8 * t)) & 0xFF;
              int c = (int) (lowC >>> (8 * t)) & 0xFF;
              int h = (int) (high >>> (8 * t)) & 0xFF;
              p0 += (((a & 0x0F) | ((h & 3) << 4)) - 32) * x[xb + l];
              p2 += (((c & 0x0F) | (((h >>> 2) & 3) << 4)) - 32) * x[xb + 32 + l];
              p4 += (((a >>> 4) | (((h >>> 4) & 3) << 4)) - 32) * x[xb + 64 + l];
              p6 += (((c >>> 4) | (((h >>> 6) & 3) << 4)) - 32) * x[xb + 96 + l];
            }
          }
          sum +=
              d
                  * (w.get(sc + g) * p0
                      + w.get(sc + g + 2) * p2
                      + w.get(sc + g + 4) * p4
                      + w.get(sc + g + 6) * p6);
        }
      }
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void dot2x4(float[] w, int wOff, float[] x, int xOff, int xStride, int n, float[] out) {
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 4; j++) {
        out[4 * r + j] = dot(w, wOff + r * n, x, xOff + j * xStride, n);
      }
    }
  }

  @Override
  public void dot4x4(float[] w, int wOff, float[] x, int xOff, int xStride, int n, float[] out) {
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < 4; j++) {
        out[4 * r + j] = dot(w, wOff + r * n, x, xOff + j * xStride, n);
      }
    }
  }

  @Override
  public void decodeRow(FloatTensor w, int row, float[] out, int outOff) {
    w.dequantizeRow(row, out, outOff);
  }

  @Override
  public void matMulPacked(
      PackedMatrix m, int panelFrom, int panelTo, float[] x, int tokens, float[] out) {
    int cols = m.cols;
    int rEnd = Math.min(m.rows, panelTo * PackedMatrix.PANEL);
    for (int r = panelFrom * PackedMatrix.PANEL; r < rEnd; r++) {
      int w = (r / PackedMatrix.PANEL) * PackedMatrix.PANEL * cols + r % PackedMatrix.PANEL;
      for (int t = 0; t < tokens; t++) {
        float sum = m.bias[r];
        for (int k = 0; k < cols; k++) {
          sum += m.data[w + k * PackedMatrix.PANEL] * x[t * cols + k];
        }
        out[t * m.rows + r] = sum;
      }
    }
  }

  /** GELU's tanh approximation: tanh(√(2/π)(g + 0.044715g³)); the vector kernels use them too. */
  static final float GELU_COEF_A = 0.044715f;

  static final float SQRT_2_OVER_PI = 0.7978845608028654f;

  /** In double-precision {@code Math.exp} and {@code Math.tanh}, rounded to float. */
  @Override
  public void gatedActivation(boolean geluTanh, float[] gate, float[] up, int from, int to) {
    if (geluTanh) {
      for (int i = from; i < to; i++) {
        float g = gate[i];
        float t = (float) Math.tanh(SQRT_2_OVER_PI * g * (1f + GELU_COEF_A * g * g));
        gate[i] = 0.5f * g * (1f + t) * up[i];
      }
      return;
    }
    for (int i = from; i < to; i++) {
      float g = gate[i];
      gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }
}
