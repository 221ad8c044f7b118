package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.tensor.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What native llama.cpp's CPU backend (ggml-cpu, x86) does to the activation vector of a matmul
 * with weights of a given type, written from its documented behaviour (see the shared models
 * README, "numpy-f32-q8-activations"): the vector is converted to the weight type's dot-product
 * type first. F16 and BF16 weights use F16 / BF16 activations; Q8_0, Q4_0, Q5_0 and IQ4_NL use
 * Q8_0 blocks of 32 (q = round-half-even(x · 127 / amax), scale amax / 127 stored as fp16); Q4_1
 * and Q5_1 use Q8_1 (as Q8_0, plus s = fp16(d · Σq), which llama.cpp multiplies with the weight
 * block's minimum); the K-quants and IQ4_XS use Q8_K blocks of 256 (iscale = −127 / the value of
 * largest magnitude, q = min(127, round-half-even(iscale · x)), scale 1 / iscale as float32).
 */
public final class LlamaCppActivations {
  private LlamaCppActivations() {}

  /** The dot product of one weight row (raw block bytes), dequantized exactly, with {@code x}. */
  public static double floatDot(GgmlType type, byte[] row, float[] x) {
    return plain(QuantOracle.dequantize(type, row, x.length), x);
  }

  /**
   * The dot product of one weight row (its raw block bytes) with activations {@code x}, as
   * llama.cpp computes it mathematically: weights dequantized exactly, activations rounded.
   */
  public static double dot(GgmlType type, byte[] row, float[] x) {
    float[] w = QuantOracle.dequantize(type, row, x.length);
    switch (type) {
      case F32:
        return plain(w, x);
      case F16: {
        float[] a = new float[x.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = Float16.toFloat(Float16.fromFloat(x[i]));
        }
        return plain(w, a);
      }
      case BF16: {
        float[] a = new float[x.length];
        for (int i = 0; i < a.length; i++) {
          int bits = Float.floatToIntBits(x[i]);
          bits += 0x7FFF + ((bits >>> 16) & 1); // round to nearest even
          a[i] = Float.intBitsToFloat(bits & 0xFFFF0000);
        }
        return plain(w, a);
      }
      case Q4_1: case Q5_1:
        return withMinimum(type, row, w, x);
      case Q8_0: case Q4_0: case Q5_0: case IQ4_NL:
        return plain(w, q8_0(x));
      default:
        return plain(w, q8_K(x));
    }
  }

  private static double plain(float[] w, float[] a) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += (double) w[i] * a[i];
    }
    return sum;
  }

  /** Q8_0 rounding, dequantized: blocks of 32 with an fp16 scale. */
  private static float[] q8_0(float[] x) {
    float[] out = new float[x.length];
    for (int b = 0; b < x.length; b += 32) {
      float amax = 0;
      for (int i = b; i < b + 32; i++) {
        amax = Math.max(amax, Math.abs(x[i]));
      }
      float d = amax / 127f;
      float id = amax != 0 ? 127f / amax : 0f;
      float stored = Float16.toFloat(Float16.fromFloat(d));
      for (int i = b; i < b + 32; i++) {
        out[i] = stored * (float) Math.rint(x[i] * id);
      }
    }
    return out;
  }

  /** Q8_K rounding, dequantized: blocks of 256 with a float32 scale. */
  private static float[] q8_K(float[] x) {
    float[] out = new float[x.length];
    for (int b = 0; b < x.length; b += 256) {
      float max = 0;
      float amax = 0;
      for (int i = b; i < b + 256; i++) {
        if (Math.abs(x[i]) > amax) {
          amax = Math.abs(x[i]);
          max = x[i];
        }
      }
      if (amax == 0) {
        continue;
      }
      float iscale = -127f / max;
      float d = 1f / iscale;
      for (int i = b; i < b + 256; i++) {
        out[i] = d * Math.min(127, (int) Math.rint(iscale * x[i]));
      }
    }
    return out;
  }

  /**
   * Q4_1 / Q5_1 weights (value = d·q + m per block of 32) with Q8_1 activations: llama.cpp adds
   * m · s with the block's stored s = fp16(d_a · Σ q_a) instead of m · Σ a.
   */
  private static double withMinimum(GgmlType type, byte[] row, float[] w, float[] x) {
    ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    for (int blk = 0; blk < x.length / 32; blk++) {
      float amax = 0;
      for (int i = 32 * blk; i < 32 * blk + 32; i++) {
        amax = Math.max(amax, Math.abs(x[i]));
      }
      float d = amax / 127f;
      float id = amax != 0 ? 127f / amax : 0f;
      float stored = Float16.toFloat(Float16.fromFloat(d));
      float m = Float16.toFloat(b.getShort(blk * type.typeSize() + 2));
      int qSum = 0;
      for (int i = 32 * blk; i < 32 * blk + 32; i++) {
        int q = (int) Math.rint(x[i] * id);
        qSum += q;
        sum += (double) (w[i] - m) * (stored * q);
      }
      sum += (double) m * Float16.toFloat(Float16.fromFloat(d * qSum));
    }
    return sum;
  }
}
