package dev.llmkit.local.testing;

import dev.llmkit.local.internal.gguf.GgmlType;
import dev.llmkit.local.internal.tensor.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What native llama.cpp's CPU backend (ggml-cpu, x86) does to the activation vector of a matmul
 * with weights of a given type, written from its documented behaviour (see the shared models
 * README, "numpy-f32-q8-activations"): the vector is converted to the weight type's dot-product
 * type first. F16 and BF16 weights use F16 / BF16 activations; Q8_0, Q4_0, Q5_0 and IQ4_NL use Q8_0
 * blocks of 32 (q = round-half-even(x · 127 / amax), scale amax / 127 stored as fp16); Q4_1 and
 * Q5_1 use Q8_1 (as Q8_0, plus s = fp16(d · Σq), which llama.cpp multiplies with the weight block's
 * minimum); the K-quants and IQ4_XS use Q8_K blocks of 256 (iscale = −127 / the value of largest
 * magnitude, q = min(127, round-half-even(iscale · x)), scale 1 / iscale as float32).
 */
public final class LlamaCppActivations {
  /** How close to a .5 tie (in quantization steps) a scaled activation counts as on a boundary. */
  private static final double TIE = 1e-3;

  private LlamaCppActivations() {}

  /**
   * A dot product with rounded activations, and how far it can move if the activations that lie on
   * a rounding boundary (within float noise of a .5 tie) round the other way: llama.cpp's inputs
   * differ from ours in the last bits, so those may flip.
   */
  public record Rounded(double value, double slack) {}

  /** The dot product of one weight row (raw block bytes), dequantized exactly, with {@code x}. */
  public static double floatDot(GgmlType type, byte[] row, float[] x) {
    return plain(QuantOracle.dequantize(type, row, x.length), x);
  }

  /**
   * The dot product of one weight row (its raw block bytes) with activations {@code x}, as
   * llama.cpp computes it mathematically: weights dequantized exactly, activations rounded.
   */
  public static Rounded dot(GgmlType type, byte[] row, float[] x) {
    float[] w = QuantOracle.dequantize(type, row, x.length);
    switch (type) {
      case F32:
        return new Rounded(plain(w, x), 0);
      case F16:
        {
          float[] a = new float[x.length];
          for (int i = 0; i < a.length; i++) {
            a[i] = Float16.toFloat(Float16.fromFloat(x[i]));
          }
          return new Rounded(plain(w, a), 0);
        }
      case BF16:
        {
          float[] a = new float[x.length];
          for (int i = 0; i < a.length; i++) {
            int bits = Float.floatToIntBits(x[i]);
            bits += 0x7FFF + ((bits >>> 16) & 1); // round to nearest even
            a[i] = Float.intBitsToFloat(bits & 0xFFFF0000);
          }
          return new Rounded(plain(w, a), 0);
        }
      case Q4_1:
      case Q5_1:
        return withMinimum(type, row, w, x);
      case Q8_0:
      case Q4_0:
      case Q5_0:
      case IQ4_NL:
        {
          float[] step = new float[x.length];
          return new Rounded(plain(w, q8_0(x, step)), plain(abs(w), step));
        }
      default:
        {
          float[] step = new float[x.length];
          return new Rounded(plain(w, q8_K(x, step)), plain(abs(w), step));
        }
    }
  }

  private static double plain(float[] w, float[] a) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += (double) w[i] * a[i];
    }
    return sum;
  }

  private static float[] abs(float[] w) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = Math.abs(w[i]);
    }
    return out;
  }

  /** Whether {@code scaled} lies within float noise of a .5 tie. */
  private static boolean onBoundary(float scaled) {
    return Math.abs(Math.abs(scaled - Math.floor(scaled)) - 0.5) < TIE;
  }

  /**
   * Q8_0 rounding, dequantized: blocks of 32 with an fp16 scale; {@code step[i]} is the scale where
   * x[i] lies on a rounding boundary, else 0.
   */
  private static float[] q8_0(float[] x, float[] step) {
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
        step[i] = onBoundary(x[i] * id) ? stored : 0;
      }
    }
    return out;
  }

  /** Q8_K rounding, dequantized: blocks of 256 with a float32 scale; {@code step} as for Q8_0. */
  private static float[] q8_K(float[] x, float[] step) {
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
        step[i] = onBoundary(iscale * x[i]) ? Math.abs(d) : 0;
      }
    }
    return out;
  }

  /**
   * Q4_1 / Q5_1 weights (value = d·q + m per block of 32) with Q8_1 activations: llama.cpp adds m ·
   * s with the block's stored s = fp16(d_a · Σ q_a) instead of m · Σ a.
   */
  private static Rounded withMinimum(GgmlType type, byte[] row, float[] w, float[] x) {
    ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    double slack = 0;
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
        // a flip also moves s by one step: |w - m| + |m| bounds both terms
        slack += onBoundary(x[i] * id) ? (Math.abs(w[i] - m) + Math.abs(m)) * stored : 0;
      }
      sum += (double) m * Float16.toFloat(Float16.fromFloat(d * qSum));
    }
    return new Rounded(sum, slack);
  }
}
