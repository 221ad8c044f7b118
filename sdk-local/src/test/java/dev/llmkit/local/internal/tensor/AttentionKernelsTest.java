package dev.llmkit.local.internal.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attention kernels, scalar and vector, against a double-precision computation written here
 * over the documented tile layout, for head sizes below, at and above a vector's lanes and spans
 * that start and end inside tiles (sliding windows, the first positions of a sequence).
 */
class AttentionKernelsTest {
  private static final int TILE = AttentionKernels.TILE;

  /** Head size, first and last (exclusive) attended position. */
  private static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(8, 0, 1),
        Arguments.of(8, 0, 37),
        Arguments.of(8, 5, 200),
        Arguments.of(64, 0, 16),
        Arguments.of(64, 3, 129),
        Arguments.of(80, 17, 95),
        Arguments.of(128, 0, 300),
        Arguments.of(6, 7, 9));
  }

  private static AttentionKernels vector() {
    Kernels v = KernelSelection.loadVectorKernels();
    assumeThat(v).as("Vector API kernels need --add-modules jdk.incubator.vector").isNotNull();
    return AttentionKernels.matching(v);
  }

  /** Two KV heads of random values in tile layout; the query reads head 1. */
  private static final class Head {
    final int len;
    final int capacity;
    final float[] cache;
    final short[] halves;
    final float[] q;

    Head(int len, int positions, long seed) {
      Random random = new Random(seed);
      this.len = len;
      this.capacity = (positions + TILE - 1) / TILE * TILE;
      this.cache = new float[2 * capacity * len];
      this.halves = new short[cache.length];
      for (int i = 0; i < cache.length; i++) {
        halves[i] = Float16.fromFloat((float) random.nextGaussian());
        cache[i] = Float16.toFloat(halves[i]); // the same values in both forms
      }
      this.q = new float[len + 3];
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) random.nextGaussian();
      }
    }

    int base() {
      return capacity * len;
    }

    double at(int t, int i) {
      return cache[base() + (t / TILE) * len * TILE + i * TILE + t % TILE];
    }
  }

  @ParameterizedTest(name = "head {0}, positions {1}..{2}")
  @MethodSource("shapes")
  void scoresMatchDotProductsOfTheQueryWithEachKey(int len, int from, int to) {
    Head head = new Head(len, to, len * 1000L + to);
    float scale = 0.125f;

    for (AttentionKernels k :
        new AttentionKernels[] {AttentionKernels.scalar(), vectorOrScalar()}) {
      float[] fromFloats = new float[head.capacity];
      float[] fromHalves = new float[head.capacity];
      k.scores(
          head.cache,
          head.base(),
          len,
          from / TILE,
          (to - 1) / TILE + 1,
          head.q,
          3,
          scale,
          fromFloats);
      k.scores(
          head.halves,
          head.base(),
          len,
          from / TILE,
          (to - 1) / TILE + 1,
          head.q,
          3,
          scale,
          fromHalves);

      for (int t = from; t < to; t++) {
        double expected = 0;
        double magnitude = 0;
        for (int i = 0; i < len; i++) {
          expected += head.q[3 + i] * head.at(t, i);
          magnitude += Math.abs(head.q[3 + i] * head.at(t, i));
        }
        expected *= scale;
        double tolerance = 1e-6 * magnitude + 1e-7;
        assertThat((double) fromFloats[t])
            .as("%s score %d", k, t)
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
        assertThat((double) fromHalves[t])
            .as("%s half score %d", k, t)
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
      }
    }
  }

  @ParameterizedTest(name = "head {0}, positions {1}..{2}")
  @MethodSource("shapes")
  void softmaxThenWeightedSumMatchesAttentionOutput(int len, int from, int to) {
    Head head = new Head(len, to, len * 7L + from);
    Random random = new Random(to);
    float[] scores = new float[head.capacity];
    for (int t = 0; t < scores.length; t++) {
      scores[t] = (float) (3 * random.nextGaussian());
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int t = from; t < to; t++) {
      max = Math.max(max, scores[t]);
    }
    double sum = 0;
    for (int t = from; t < to; t++) {
      sum += Math.exp(scores[t] - max);
    }
    double[] expected = new double[len];
    for (int t = from; t < to; t++) {
      for (int j = 0; j < len; j++) {
        expected[j] += Math.exp(scores[t] - max) / sum * head.at(t, j);
      }
    }

    for (AttentionKernels k :
        new AttentionKernels[] {AttentionKernels.scalar(), vectorOrScalar()}) {
      float[] p = scores.clone();
      k.softmax(p, from, to);
      float[] out = new float[len + 2];
      float[] outHalves = new float[len + 2];
      k.weightedSum(head.cache, head.base(), len, from, to, p, out, 2);
      k.weightedSum(head.halves, head.base(), len, from, to, p, outHalves, 2);

      double total = 0;
      for (int t = from; t < to; t++) {
        total += p[t];
      }
      assertThat(total)
          .as("%s probabilities sum", k)
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      for (int j = 0; j < len; j++) {
        assertThat((double) out[2 + j])
            .as("%s output %d", k, j)
            .isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-5));
        assertThat(outHalves[2 + j]).as("%s half output %d", k, j).isEqualTo(out[2 + j]);
      }
      assertThat(out[0]).isZero();
      assertThat(out[1]).isZero();
    }
  }

  @ParameterizedTest(name = "head {0}, positions {1}..{2}")
  @MethodSource("shapes")
  void vectorKernelsMatchScalarKernels(int len, int from, int to) {
    AttentionKernels vector = vector();
    Head head = new Head(len, to, len + 13L * to);
    float[] scalarScores = new float[head.capacity];
    float[] vectorScores = new float[head.capacity];
    int fromTile = from / TILE;
    int toTile = (to - 1) / TILE + 1;

    AttentionKernels.scalar()
        .scores(head.halves, head.base(), len, fromTile, toTile, head.q, 0, 0.3f, scalarScores);
    vector.scores(head.halves, head.base(), len, fromTile, toTile, head.q, 0, 0.3f, vectorScores);
    AttentionKernels.scalar().softmax(scalarScores, from, to);
    vector.softmax(vectorScores, from, to);
    float[] scalarOut = new float[len];
    float[] vectorOut = new float[len];
    AttentionKernels.scalar()
        .weightedSum(head.halves, head.base(), len, from, to, scalarScores, scalarOut, 0);
    vector.weightedSum(head.halves, head.base(), len, from, to, vectorScores, vectorOut, 0);

    for (int t = from; t < to; t++) {
      assertThat(vectorScores[t])
          .as("probability %d", t)
          .isCloseTo(scalarScores[t], org.assertj.core.data.Offset.offset(1e-6f));
    }
    for (int j = 0; j < len; j++) {
      assertThat(vectorOut[j])
          .as("output %d", j)
          .isCloseTo(scalarOut[j], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @ParameterizedTest(name = "head {0}, positions {1}..{2}")
  @MethodSource("shapes")
  void positionsOutsideTheSpanDoNotReachTheOutputEvenWhenNotFinite(int len, int from, int to) {
    AttentionKernels vector = vector();
    Head head = new Head(len, to, 7L * len + to);
    float[] p = new float[head.capacity];
    java.util.Arrays.fill(p, Float.NaN); // probabilities outside [from, to) are never set
    Random random = new Random(len);
    for (int t = from; t < to; t++) {
      p[t] = random.nextFloat();
    }
    float[] clean = new float[len];
    vector.weightedSum(head.halves, head.base(), len, from, to, p, clean, 0);
    // an earlier, longer sequence left overflowed values in the rest of the cache
    for (int t = 0; t < head.capacity; t++) {
      if (t < from || t >= to) {
        for (int i = 0; i < len; i++) {
          int at = head.base() + (t / TILE) * len * TILE + i * TILE + t % TILE;
          head.halves[at] = Float16.fromFloat(Float.POSITIVE_INFINITY);
          head.cache[at] = Float.NaN;
        }
      }
    }
    float[] halfOut = new float[len];
    float[] floatOut = new float[len];
    vector.weightedSum(head.halves, head.base(), len, from, to, p, halfOut, 0);
    vector.weightedSum(head.cache, head.base(), len, from, to, p, floatOut, 0);

    assertThat(halfOut).isEqualTo(clean);
    assertThat(floatOut).isEqualTo(clean);
  }

  private static AttentionKernels vectorOrScalar() {
    Kernels v = KernelSelection.loadVectorKernels();
    return v == null ? AttentionKernels.scalar() : AttentionKernels.matching(v);
  }
}
