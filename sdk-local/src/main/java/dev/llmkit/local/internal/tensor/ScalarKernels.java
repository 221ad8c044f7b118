package dev.llmkit.local.internal.tensor;

import java.nio.ByteBuffer;

/** The reference kernels: plain Java, one element at a time, float accumulation per block. */
public final class ScalarKernels implements Kernels {
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dotF32(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += w.getFloat(off + 4 * i) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += Float16.toFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotBF16(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += Float16.bf16ToFloat(w.getShort(off + 2 * i)) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public float dotQ8_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * Q8_0Tensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      float s = 0f;
      for (int i = 0; i < 32; i++) {
        s += w.get(block + 2 + i) * x[xOff + b * 32 + i];
      }
      sum += s * d;
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
      float s = 0f;
      for (int i = 0; i < 16; i++) {
        int q = w.get(block + 2 + i) & 0xFF;
        s += ((q & 0x0F) - 8) * x[xb + i] + ((q >>> 4) - 8) * x[xb + 16 + i];
      }
      sum += s * d;
    }
    return sum;
  }

  @Override
  public float dotQ4_1(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q4_1Tensor.BLOCK_BYTES, Q4_1Tensor.QS, true, false);
  }

  @Override
  public float dotQ5_0(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q5_0Tensor.BLOCK_BYTES, Q5_0Tensor.QS, false, true);
  }

  @Override
  public float dotQ5_1(ByteBuffer w, int off, float[] x, int xOff, int n) {
    return dotLegacy(w, off, x, xOff, n, Q5_1Tensor.BLOCK_BYTES, Q5_1Tensor.QS, true, true);
  }

  /**
   * Q4_1, Q5_0 and Q5_1: 32-element blocks of nibbles (element i low, i + 16 high) with an F16
   * scale d, an optional F16 offset m (element = d·q + m) and optional fifth bits qh (Q5_0 then
   * centres q by subtracting 16).
   */
  private static float dotLegacy(ByteBuffer w, int off, float[] x, int xOff, int n, int blockBytes,
      int qsAt, boolean hasMin, boolean fiveBit) {
    float sum = 0f;
    for (int b = 0; b < n / 32; b++) {
      int block = off + b * blockBytes;
      float d = Float16.toFloat(w.getShort(block));
      float m = hasMin ? Float16.toFloat(w.getShort(block + 2)) : 0f;
      int qh = fiveBit ? w.getInt(block + (hasMin ? 4 : 2)) : 0;
      int center = fiveBit && !hasMin ? 16 : 0;
      int xb = xOff + b * 32;
      float qx = 0f;
      float xs = 0f;
      for (int i = 0; i < 16; i++) {
        int q = w.get(block + qsAt + i) & 0xFF;
        int lo = ((q & 0x0F) | (((qh >>> i) & 1) << 4)) - center;
        int hi = ((q >>> 4) | (((qh >>> (i + 16)) & 1) << 4)) - center;
        qx += lo * x[xb + i] + hi * x[xb + 16 + i];
        xs += x[xb + i] + x[xb + 16 + i];
      }
      sum += d * qx + m * xs;
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
        for (int l = 0; l < 32; l++) {
          int q = w.get(qs + 32 * c + l) & 0xFF;
          float a = x[xb + 64 * c + l];
          float h = x[xb + 64 * c + 32 + l];
          lo += (q & 0x0F) * a;
          hi += (q >>> 4) * h;
          xLo += a;
          xHi += h;
        }
        sum += d * (scales[2 * c] * lo + scales[2 * c + 1] * hi)
            - dmin * (mins[2 * c] * xLo + mins[2 * c + 1] * xHi);
      }
    }
    return sum;
  }

  @Override
  public float dotQ5_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    int[] scales = new int[8];
    int[] mins = new int[8];
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q5_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block));
      float dmin = Float16.toFloat(w.getShort(block + 2));
      KQuants.unpackScales(w, block + 4, scales, mins);
      int qh = block + 16;
      int qs = block + 48;
      int xb = xOff + b * 256;
      for (int c = 0; c < 4; c++) {
        float lo = 0f;
        float hi = 0f;
        float xLo = 0f;
        float xHi = 0f;
        for (int l = 0; l < 32; l++) {
          int q = w.get(qs + 32 * c + l) & 0xFF;
          int h = w.get(qh + l) & 0xFF;
          int qLo = (q & 0x0F) | (((h >>> (2 * c)) & 1) << 4);
          int qHi = (q >>> 4) | (((h >>> (2 * c + 1)) & 1) << 4);
          float a = x[xb + 64 * c + l];
          float e = x[xb + 64 * c + 32 + l];
          lo += qLo * a;
          hi += qHi * e;
          xLo += a;
          xHi += e;
        }
        sum += d * (scales[2 * c] * lo + scales[2 * c + 1] * hi)
            - dmin * (mins[2 * c] * xLo + mins[2 * c + 1] * xHi);
      }
    }
    return sum;
  }

  @Override
  public float dotQ6_K(ByteBuffer w, int off, float[] x, int xOff, int n) {
    float sum = 0f;
    float[] part = new float[8];
    for (int b = 0; b < n / 256; b++) {
      int block = off + b * Q6_KTensor.BLOCK_BYTES;
      float d = Float16.toFloat(w.getShort(block + 208));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + 128 + 32 * half;
        int sc = block + 192 + 8 * half;
        int xb = xOff + b * 256 + 128 * half;
        java.util.Arrays.fill(part, 0f);
        for (int l = 0; l < 32; l++) {
          int a = w.get(ql + l) & 0xFF;
          int c = w.get(ql + 32 + l) & 0xFF;
          int h = w.get(qh + l) & 0xFF;
          int g = l / 16;
          part[g] += (((a & 0x0F) | ((h & 3) << 4)) - 32) * x[xb + l];
          part[g + 2] += (((c & 0x0F) | (((h >>> 2) & 3) << 4)) - 32) * x[xb + 32 + l];
          part[g + 4] += (((a >>> 4) | (((h >>> 4) & 3) << 4)) - 32) * x[xb + 64 + l];
          part[g + 6] += (((c >>> 4) | (((h >>> 6) & 3) << 4)) - 32) * x[xb + 96 + l];
        }
        for (int k = 0; k < 8; k++) {
          sum += d * w.get(sc + k) * part[k];
        }
      }
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
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
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }
}
