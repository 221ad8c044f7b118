package dev.llmkit.local.internal.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The partial selections of {@link Candidates} against a reference that sorts the whole vocabulary
 * (what the sampler did before): same candidates, same order, same drawn tokens.
 */
class CandidateSelectionTest {
  private static final float NEG = Float.NEGATIVE_INFINITY;

  /** All finite ids sorted by logit descending, then id ascending: the reference order. */
  private static List<Integer> fullSort(float[] l) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < l.length; i++) {
      if (l[i] != NEG) {
        ids.add(i);
      }
    }
    ids.sort(Comparator.<Integer>comparingDouble(i -> -l[i]).thenComparingInt(i -> i));
    return ids;
  }

  /** The reference truncation: full sort, top-k, top-p over the kept set, min-p. */
  private static List<Integer> reference(
      float[] l, List<Integer> sorted, int topK, float topP, float minP) {
    List<Integer> ids = sorted;
    if (topK > 0 && topK < ids.size()) {
      ids = ids.subList(0, topK);
    }
    if (topP < 1f && ids.size() > 1) {
      double max = l[ids.get(0)];
      double sum = 0;
      for (int id : ids) {
        sum += Math.exp(l[id] - max);
      }
      double cumulative = 0;
      for (int k = 0; k < ids.size(); k++) {
        cumulative += Math.exp(l[ids.get(k)] - max) / sum;
        if (cumulative >= topP) {
          ids = ids.subList(0, k + 1);
          break;
        }
      }
    }
    if (minP > 0f && ids.size() > 1) {
      double threshold = l[ids.get(0)] + Math.log(minP);
      int keep = 1;
      while (keep < ids.size() && l[ids.get(keep)] >= threshold) {
        keep++;
      }
      ids = ids.subList(0, keep);
    }
    return ids;
  }

  private static List<Integer> ids(Candidates c) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < c.size; k++) {
      out.add(c.ids[k]);
    }
    return out;
  }

  /** Logits with many ties (values on a 0.1 grid), some negative infinity. */
  private static float[] tied(Random random, int n, int levels) {
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = random.nextInt(10) == 0 ? NEG : random.nextInt(levels) / 10f;
    }
    return l;
  }

  /** Logits shaped like a model's: a few large values and a long tail. */
  private static float[] peaked(Random random, int n) {
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (random.nextGaussian() * 2);
    }
    for (int j = 0; j < 5; j++) {
      l[random.nextInt(n)] = 12f + j;
    }
    return l;
  }

  @Test
  void topKSelectionMatchesTheFullSortWithTiesAndInfinities() {
    Random random = new Random(3);
    Candidates reused = new Candidates();
    for (int round = 0; round < 40; round++) {
      float[] l = tied(random, 1 + random.nextInt(3000), 1 + random.nextInt(50));
      List<Integer> all = fullSort(l);
      for (int k : new int[] {1, 2, 3, 40, 64, 65, l.length - 1, l.length, l.length + 7}) {
        if (k < 1) {
          continue;
        }
        reused.selectTop(l, k);
        assertThat(ids(reused))
            .as("round %d k %d", round, k)
            .isEqualTo(all.subList(0, Math.min(k, all.size())));
        assertThat(reused.logits[0]).isEqualTo(all.isEmpty() ? reused.logits[0] : l[all.get(0)]);
      }
    }
  }

  @Test
  void edgeCasesOfTheSelection() {
    Candidates c = new Candidates();
    c.selectTop(new float[] {NEG, NEG, NEG}, 2);
    assertThat(c.size).isZero();
    c.selectTop(new float[] {1f, 2f}, 0);
    assertThat(c.size).isZero();
    c.selectTop(new float[] {NEG, 4f, NEG}, 40);
    assertThat(ids(c)).containsExactly(1);
    c.selectTop(new float[] {2f, 2f, 2f, 2f}, 3);
    assertThat(ids(c)).as("all tied: lowest ids").containsExactly(0, 1, 2);
    c.selectNucleus(new float[] {NEG, NEG}, 0.9f, 0.05f);
    assertThat(c.size).isZero();
    c.selectNucleus(new float[] {3f, 5f, 5f, 1f}, 1f, 1f);
    assertThat(ids(c)).as("min-p 1 keeps exactly the tied best").containsExactly(1, 2);
    c.selectNucleus(new float[] {3f, 5f, 4f, 1f}, 1e-6f, 0f);
    assertThat(ids(c)).as("tiny top-p keeps one token").containsExactly(1);
    c.selectNucleus(new float[] {0f, 0f, 0f}, 1f, 0f);
    assertThat(ids(c)).as("no truncation keeps every token").containsExactly(0, 1, 2);
  }

  @Test
  void nucleusWithoutTopKMatchesSortingTheVocabulary() {
    Random random = new Random(5);
    Candidates reused = new Candidates();
    float[][] minPs = {{0f}, {0.05f}, {0.5f}};
    for (int round = 0; round < 12; round++) {
      float[] l =
          round % 2 == 0
              ? peaked(random, 5000 + random.nextInt(45000))
              : tied(random, 200 + random.nextInt(3000), 1 + random.nextInt(30));
      List<Integer> sorted = fullSort(l);
      for (float topP : new float[] {0.1f, 0.5f, 0.9f, 0.95f, 0.999f, 1f}) {
        for (float[] minP : minPs) {
          reused.selectNucleus(l, topP, minP[0]);
          reused.minP(minP[0]);
          assertThat(ids(reused))
              .as("round %d top-p %s min-p %s", round, topP, minP[0])
              .isEqualTo(reference(l, sorted, 0, topP, minP[0]));
        }
      }
    }
  }

  @Test
  void seededDrawsEqualTheFullSortReferenceForEveryTruncation() {
    Random random = new Random(9);
    int vocab = 49152;
    float[][] logits = new float[12][];
    List<List<Integer>> sorted = new ArrayList<>();
    for (int t = 0; t < logits.length; t++) {
      logits[t] = peaked(random, vocab);
      sorted.add(fullSort(logits[t]));
    }
    int[][] settings = {
      {40, 95, 5}, {0, 95, 5}, {0, 90, 0}, {0, 100, 0}, {0, 100, 5}, {1, 100, 0}, {200, 80, 0}
    };
    for (int[] s : settings) {
      int topK = s[0];
      float topP = s[1] / 100f;
      float minP = s[2] / 100f;
      SamplingParams p =
          SamplingParams.builder()
              .temperature(0.8f)
              .topK(topK)
              .topP(topP)
              .minP(minP)
              .seed(1234)
              .build();
      Sampler sampler = new Sampler(p, vocab);
      SplittableRandom expected = new SplittableRandom(1234);
      for (int t = 0; t < logits.length; t++) {
        float[] l = logits[t];
        List<Integer> kept = reference(l, sorted.get(t), topK, topP, minP);
        int want = referenceDraw(l, kept, 0.8f, expected.nextDouble());
        assertThat(sampler.sample(l, null).id())
            .as("settings %s token %d", Arrays.toString(s), t)
            .isEqualTo(want);
      }
    }
  }

  private static int referenceDraw(float[] l, List<Integer> kept, float temperature, double u) {
    double max = l[kept.get(0)];
    double[] probs = new double[kept.size()];
    double sum = 0;
    for (int k = 0; k < probs.length; k++) {
      probs[k] = Math.exp((l[kept.get(k)] - max) / temperature);
      sum += probs[k];
    }
    double cumulative = 0;
    for (int k = 0; k < probs.length; k++) {
      cumulative += probs[k] / sum;
      if (u < cumulative) {
        return kept.get(k);
      }
    }
    return kept.get(kept.size() - 1);
  }

  @Test
  void samplingAllocatesNoVocabularySizedArraysPerToken() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int vocab = 65536;
    float[] l = peaked(new Random(1), vocab);
    for (SamplingParams p :
        List.of(
            SamplingParams.greedy(),
            SamplingParams.builder().temperature(0.8f).topK(40).topP(0.95f).minP(0.05f).build(),
            SamplingParams.builder().temperature(0.8f).topP(0.95f).build())) {
      Sampler sampler = new Sampler(p, vocab);
      for (int i = 0; i < 20; i++) {
        sampler.accept(sampler.sample(l, null).id()); // warm up: buffers reach their size
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      int tokens = 50;
      for (int i = 0; i < tokens; i++) {
        sampler.accept(sampler.sample(l, null).id());
      }
      long perToken = (threads.getCurrentThreadAllocatedBytes() - before) / tokens;
      assertThat(perToken).as("bytes allocated per token with %s", p).isLessThan(vocab / 4);
    }
  }
}
