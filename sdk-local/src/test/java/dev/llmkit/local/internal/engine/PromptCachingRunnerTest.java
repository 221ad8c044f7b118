package dev.llmkit.local.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.local.internal.gguf.GgufFile;
import dev.llmkit.local.internal.model.Llama;
import dev.llmkit.local.internal.tensor.ComputePool;
import dev.llmkit.local.testing.SharedModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prompt reuse on the real stories260K forward pass. */
class PromptCachingRunnerTest {
  // "<s> Once upon a time" and one generated ","
  private static final int[] ONCE = {1, 403, 407, 261, 378};
  private static final int[] OTHER_END = {1, 403, 407, 261, 300, 301};

  private LlamaRunner plain;
  private PromptCachingRunner cached;

  @BeforeEach
  void load() {
    GgufFile file = GgufFile.open(SharedModels.resolve("stories260K/stories260K.gguf"));
    ComputePool pool = new ComputePool(1);
    plain = new LlamaRunner(file, pool, Llama.load(file, 128, pool));
    cached = new PromptCachingRunner(plain, 1);
  }

  @AfterEach
  void close() {
    if (cached != null) {
      cached.close();
    }
  }

  private float[] fresh(int[] prompt) {
    try (ModelRunner.Sequence s = plain.newSequence(64)) {
      return s.feed(prompt).clone();
    }
  }

  @Test
  void aPromptSharingAPrefixOnlyProcessesTheRestAndGivesTheSameLogits() {
    try (ModelRunner.Sequence first = cached.newSequence(64)) {
      first.feed(ONCE);
      first.feed(new int[] {432});
    }
    assertThat(cached.idleCount()).isEqualTo(1);
    float[] expected = fresh(OTHER_END);
    long before = plain.forwardCalls();

    float[] logits;
    int position;
    try (ModelRunner.Sequence second = cached.newSequence(64)) {
      logits = second.feed(OTHER_END).clone();
      position = second.position();
    }

    assertThat(plain.forwardCalls() - before).isEqualTo(1);
    assertThat(position).isEqualTo(OTHER_END.length);
    assertThat(logits).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
  }

  @Test
  void anIdenticalPromptRecomputesOnlyItsLastToken() {
    try (ModelRunner.Sequence first = cached.newSequence(64)) {
      first.feed(ONCE);
    }
    float[] expected = fresh(ONCE);

    float[] logits;
    try (ModelRunner.Sequence again = cached.newSequence(64)) {
      logits = again.feed(ONCE).clone();
      again.rewind(ONCE.length);
      assertThat(again.position()).isEqualTo(ONCE.length);
    }

    assertThat(logits).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
  }

  @Test
  void cachesTooSmallForTheRequestAreNotReusedAndTheOldestIsDropped() {
    try (ModelRunner.Sequence small = cached.newSequence(8)) {
      small.feed(ONCE);
    }

    float[] logits;
    try (ModelRunner.Sequence big = cached.newSequence(64)) {
      logits = big.feed(ONCE).clone();
      assertThat(cached.idleCount()).as("the small cache made room for the new one").isZero();
    }

    assertThat(logits).containsExactly(fresh(ONCE), org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(cached.idleCount()).isEqualTo(1);
  }
}
