package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The shared vector building blocks: every finite half (both signs, zeros, subnormals, the largest
 * normal) and every bfloat16 pattern widens to the float the scalar table gives, bit for bit; the
 * exponential is within 2 ulp of {@link Math#exp} and its vector and scalar forms agree bit for
 * bit; the lane sum adds in its fixed tree order.
 */
class VectorMathTest {
  private static final VectorSpecies<Float> F = VectorMath.F;
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, F.length() * 16)));

  @Test
  void everyFiniteHalfWidensExactly() {
    float[] out = new float[F.length()];
    short[] in = new short[F.length()];
    int checked = 0;
    for (int start = 0; start < 1 << 16; start += in.length) {
      for (int i = 0; i < in.length; i++) {
        in[i] = (short) (start + i);
      }
      IntVector lanes = (IntVector) ShortVector.fromArray(S, in, 0).castShape(VectorMath.I, 0);
      VectorMath.halfToFloat(lanes).intoArray(out, 0);
      for (int i = 0; i < in.length; i++) {
        if (((in[i] >>> 10) & 0x1F) == 0x1F) {
          continue; // infinities and NaNs: caches and weights hold none
        }
        assertThat(Float.floatToRawIntBits(out[i]))
            .as("half 0x%04x", in[i] & 0xFFFF)
            .isEqualTo(Float.floatToRawIntBits(Float16.toFloat(in[i])));
        checked++;
      }
    }
    assertThat(checked).isEqualTo((1 << 16) - 2 * 1024);
  }

  @Test
  void everyBfloat16WidensExactly() {
    float[] out = new float[F.length()];
    short[] in = new short[F.length()];
    for (int start = 0; start < 1 << 16; start += in.length) {
      for (int i = 0; i < in.length; i++) {
        in[i] = (short) (start + i);
      }
      IntVector lanes = (IntVector) ShortVector.fromArray(S, in, 0).castShape(VectorMath.I, 0);
      FloatVector widened = VectorMath.brainToFloat(lanes);
      widened.intoArray(out, 0);
      for (int i = 0; i < in.length; i++) {
        assertThat(Float.floatToRawIntBits(out[i]))
            .as("bfloat16 0x%04x", in[i] & 0xFFFF)
            .isEqualTo(Float.floatToRawIntBits(Float16.bf16ToFloat(in[i])));
      }
    }
  }

  @Test
  void expIsCloseToMathExpAndTheSameForVectorsAndScalars() {
    float[] in = new float[F.length()];
    float[] out = new float[F.length()];
    java.util.Random random = new java.util.Random(7);
    int checked = 0;
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < in.length; i++) {
        in[i] =
            round < 10_000
                ? -87f + 175f * random.nextFloat() // the whole range
                : -20f * random.nextFloat(); // what softmax sees: x - max <= 0
      }
      VectorMath.exp(FloatVector.fromArray(F, in, 0)).intoArray(out, 0);
      for (int i = 0; i < in.length; i++) {
        float expected = (float) Math.exp(in[i]);
        assertThat(Math.abs(out[i] - expected))
            .as("exp(%s)", in[i])
            .isLessThanOrEqualTo(2 * Math.ulp(expected));
        assertThat(Float.floatToRawIntBits(VectorMath.exp(in[i])))
            .as("scalar exp(%s)", in[i])
            .isEqualTo(Float.floatToRawIntBits(out[i]));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(20_000 * F.length());
    assertThat(VectorMath.exp(0f)).isEqualTo(1f);
    assertThat(VectorMath.exp(Float.NEGATIVE_INFINITY)).isBetween(0f, 1e-37f);
  }

  @Test
  void laneSumAddsInItsFixedTree() {
    float[] in = new float[F.length()];
    for (int i = 0; i < in.length; i++) {
      in[i] = (i % 2 == 0 ? 1e8f : 1f) * (i + 1); // big and small lanes: order shows in the result
    }
    float[] tree = in.clone();
    for (int h = tree.length / 2; h >= 1; h /= 2) {
      for (int i = 0; i < h; i++) {
        tree[i] = tree[i] + tree[i + h];
      }
    }
    assertThat(VectorMath.sum(FloatVector.fromArray(F, in, 0))).isEqualTo(tree[0]);
  }
}
