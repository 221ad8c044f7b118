package dev.llmkit.local.internal.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmkit.local.internal.sampling.SampledToken.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float LN3 = (float) Math.log(3);

  private static int greedy(SamplingParams.Builder params, float[] logits, int... history) {
    Sampler sampler = new Sampler(params.build(), logits.length);
    for (int t : history) {
      sampler.accept(t);
    }
    return sampler.sample(logits, null).id();
  }

  @Test
  void greedyTiesGoToTheLowestId() {
    assertThat(greedy(SamplingParams.builder(), new float[] {1, 3, 3, 2})).isEqualTo(1);
  }

  @Test
  void logitBiasIsAddedToTheNamedToken() {
    SamplingParams.Builder p = SamplingParams.builder().logitBias(Map.of(3, 2f));

    assertThat(greedy(p, new float[] {1, 3, 3, 2})).isEqualTo(3);
  }

  @Test
  void logitBiasOutsideTheVocabularyIsRejected() {
    SamplingParams p = SamplingParams.builder().logitBias(Map.of(9, 1f)).build();

    assertThatThrownBy(() -> new Sampler(p, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token 9");
  }

  @Test
  void repeatPenaltyDividesPositiveLogitsOfRecentPromptTokens() {
    Sampler sampler = new Sampler(SamplingParams.builder().repeatPenalty(2f).build(), 3);
    sampler.acceptPrompt(new int[] {0});

    // 2.0 / 2 = 1.0 < 1.5
    assertThat(sampler.sample(new float[] {2f, 1.5f, -1f}, null).id()).isEqualTo(1);
  }

  @Test
  void repeatPenaltyMultipliesNegativeLogits() {
    Sampler sampler = new Sampler(SamplingParams.builder().repeatPenalty(2f).build(), 2);
    sampler.acceptPrompt(new int[] {0});

    // -1 * 2 = -2 < -1.5
    assertThat(sampler.sample(new float[] {-1f, -1.5f}, null).id()).isEqualTo(1);
  }

  @Test
  void repeatPenaltyOnlyLooksAtTheLastNTokens() {
    Sampler sampler =
        new Sampler(SamplingParams.builder().repeatPenalty(2f).repeatLastN(1).build(), 3);
    sampler.acceptPrompt(new int[] {0, 2});

    assertThat(sampler.sample(new float[] {2f, 1.5f, -1f}, null).id()).isEqualTo(0);
  }

  @Test
  void frequencyPenaltyGrowsWithEachGeneration() {
    SamplingParams.Builder p = SamplingParams.builder().frequencyPenalty(0.2f);
    float[] logits = {2f, 1.7f, 0f};

    assertThat(greedy(p, logits, 0)).isEqualTo(0); // 2.0 - 0.2 = 1.8 > 1.7
    assertThat(greedy(p, logits, 0, 0)).isEqualTo(1); // 2.0 - 0.4 = 1.6 < 1.7
  }

  @Test
  void presencePenaltyIsSubtractedOnceAndIgnoresThePrompt() {
    SamplingParams params = SamplingParams.builder().presencePenalty(0.5f).build();
    float[] logits = {2f, 1.7f, 0f};
    Sampler promptOnly = new Sampler(params, 3);
    promptOnly.acceptPrompt(new int[] {0, 0, 0});

    assertThat(promptOnly.sample(logits, null).id()).isEqualTo(0);
    assertThat(greedy(params.toBuilder(), logits, 0)).isEqualTo(1); // 2.0 - 0.5 = 1.5 < 1.7
  }

  @Test
  void logprobsAreTheLogSoftmaxAfterBiasIndependentOfTemperature() {
    SamplingParams params =
        SamplingParams.builder().topLogprobs(2).logitBias(Map.of(1, LN3)).build();

    SampledToken greedy = new Sampler(params, 2).sample(new float[] {0f, 0f}, null);
    SampledToken hot =
        new Sampler(params.toBuilder().temperature(0.5f).build(), 2)
            .sample(new float[] {0f, 0f}, null);

    assertThat(greedy.id()).isEqualTo(1);
    assertThat(greedy.logprob()).isCloseTo((float) Math.log(0.75), within(1e-6f));
    assertThat(greedy.topLogprobs()).extracting(TokenLogprob::id).containsExactly(1, 0);
    assertThat(greedy.topLogprobs().get(1).logprob())
        .isCloseTo((float) Math.log(0.25), within(1e-6f));
    assertThat(hot.topLogprobs()).isEqualTo(greedy.topLogprobs());
  }

  @Test
  void logprobsAreNotComputedUnlessRequested() {
    SampledToken t = new Sampler(SamplingParams.greedy(), 2).sample(new float[] {0f, 1f}, null);

    assertThat(t.logprob()).isNaN();
    assertThat(t.topLogprobs()).isEmpty();
  }

  @Test
  void topLogprobsKeepsTiesInIdOrder() {
    float[] lp = {-1f, -0.5f, -1f, -3f};

    assertThat(Logprobs.top(lp, 3)).extracting(TokenLogprob::id).containsExactly(1, 0, 2);
    assertThat(Logprobs.top(lp, 0)).isEmpty();
    assertThat(Logprobs.top(lp, 10)).hasSize(4);
  }

  @Test
  void topKOfOneAlwaysPicksTheArgmax() {
    for (long seed = 0; seed < 50; seed++) {
      SamplingParams p = SamplingParams.builder().temperature(1.5f).topK(1).seed(seed).build();

      assertThat(new Sampler(p, 4).sample(new float[] {0f, 0.1f, 0.05f, 0f}, null).id())
          .isEqualTo(1);
    }
  }

  private static float[] logs(double... probs) {
    float[] out = new float[probs.length];
    for (int i = 0; i < probs.length; i++) {
      out[i] = (float) Math.log(probs[i]);
    }
    return out;
  }

  private static List<Integer> ids(Candidates c) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < c.size; k++) {
      out.add(c.ids[k]);
    }
    return out;
  }

  @Test
  void candidatesAreSortedByLogitThenId() {
    Candidates c = Candidates.sorted(new float[] {-2f, 5f, Float.NEGATIVE_INFINITY, 5f, -7f, 0f});

    assertThat(ids(c)).containsExactly(1, 3, 5, 0, 4);
  }

  @Test
  void topKSelectionKeepsExactlyTheBestKInOrder() {
    java.util.Random random = new java.util.Random(11);
    float[] logits = new float[5000];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = random.nextInt(200) / 10f; // many ties
    }

    for (int k : new int[] {1, 2, 40, 999, 4999}) {
      List<Integer> expected = ids(Candidates.sorted(logits)).subList(0, k);
      assertThat(ids(Candidates.sorted(logits, k))).as("k=" + k).isEqualTo(expected);
    }
  }

  @Test
  void topPKeepsTheShortestPrefixReachingTheMass() {
    Candidates wide = Candidates.sorted(logs(0.2, 0.5, 0.3));
    Candidates narrow = Candidates.sorted(logs(0.2, 0.5, 0.3));

    wide.topP(0.6f); // 0.5 < 0.6 <= 0.8
    narrow.topP(0.4f);

    assertThat(ids(wide)).containsExactly(1, 2);
    assertThat(ids(narrow)).containsExactly(1);
  }

  @Test
  void minPDropsTokensBelowAFractionOfTheBest() {
    Candidates loose = Candidates.sorted(logs(0.2, 0.5, 0.3));
    Candidates strict = Candidates.sorted(logs(0.2, 0.5, 0.3));

    loose.minP(0.5f); // threshold 0.25: keeps 0.5 and 0.3
    strict.minP(0.7f); // threshold 0.35: keeps 0.5

    assertThat(ids(loose)).containsExactly(1, 2);
    assertThat(ids(strict)).containsExactly(1);
  }

  @Test
  void temperatureSharpensTheDistributionBeforeTheDraw() {
    // logits {0, ln 3}: at T=1 the probabilities are {0.25, 0.75}; at T=0.5 they are {0.1, 0.9}.
    float[] logits = {0f, LN3};

    assertThat(Candidates.sorted(logits).draw(1f, 0.15)).isEqualTo(1);
    assertThat(Candidates.sorted(logits).draw(1f, 0.80)).isEqualTo(0);
    assertThat(Candidates.sorted(logits).draw(0.5f, 0.85)).isEqualTo(1);
    assertThat(Candidates.sorted(logits).draw(0.5f, 0.95)).isEqualTo(0);
  }

  @Test
  void drawsUseSplittableRandomSeededWithTheSeed() {
    SamplingParams p = SamplingParams.builder().temperature(1f).seed(42).build();
    Sampler sampler = new Sampler(p, 2);
    SplittableRandom expected = new SplittableRandom(42);

    for (int i = 0; i < 20; i++) {
      // Candidates in order: token 1 (p = 0.75) then token 0.
      int want = expected.nextDouble() < 0.75 ? 1 : 0;
      assertThat(sampler.sample(new float[] {0f, LN3}, null).id()).isEqualTo(want);
    }
  }

  @Test
  void sameSeedGivesTheSameTokens() {
    float[] logits = {0.1f, 0.3f, 0.2f, 0.25f, 0f};
    SamplingParams p = SamplingParams.builder().temperature(1f).seed(7).build();
    Sampler a = new Sampler(p, 5);
    Sampler b = new Sampler(p, 5);
    Sampler other = new Sampler(p.toBuilder().seed(8).build(), 5);
    List<Integer> fromA = new ArrayList<>();
    List<Integer> fromB = new ArrayList<>();
    List<Integer> fromOther = new ArrayList<>();

    for (int i = 0; i < 40; i++) {
      fromA.add(a.sample(logits, null).id());
      fromB.add(b.sample(logits, null).id());
      fromOther.add(other.sample(logits, null).id());
    }

    assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromOther);
  }

  @Test
  void filterRejectingTheBestTokenGivesTheBestAllowedOne() {
    Sampler sampler = new Sampler(SamplingParams.greedy(), 4);

    assertThat(sampler.sample(new float[] {1f, 4f, 3f, 2f}, id -> id != 1).id()).isEqualTo(2);
  }

  @Test
  void filterAppliesToRandomDrawsToo() {
    SamplingParams p = SamplingParams.builder().temperature(1f).seed(3).build();
    Sampler sampler = new Sampler(p, 4);

    for (int i = 0; i < 20; i++) {
      assertThat(sampler.sample(new float[] {5f, 4f, 0f, 3f}, id -> id == 2).id()).isEqualTo(2);
    }
  }

  @Test
  void filterRejectingEverythingIsAnError() {
    Sampler sampler = new Sampler(SamplingParams.greedy(), 2);

    assertThatThrownBy(() -> sampler.sample(new float[] {0f, 1f}, id -> false))
        .isInstanceOf(IllegalStateException.class);
  }
}
