package dev.llmkit.local.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopMatcherTest {
  @Test
  void textWithoutStopsPassesThroughUnchanged() {
    StopMatcher m = new StopMatcher(List.of());

    assertThat(m.feed("Hello")).isEqualTo("Hello");
    assertThat(m.stopped()).isFalse();
  }

  @Test
  void stopStringSpanningTokensIsNeverEmitted() {
    StopMatcher m = new StopMatcher(List.of("END"));

    assertThat(m.feed("abc E")).isEqualTo("abc ");
    assertThat(m.feed("N")).isEmpty();
    assertThat(m.feed("Dxyz")).isEmpty();
    assertThat(m.stopped()).isTrue();
    assertThat(m.feed("more")).isEmpty();
    assertThat(m.flush()).isEmpty();
  }

  @Test
  void heldTextIsReleasedWhenItStopsMatching() {
    StopMatcher m = new StopMatcher(List.of("END"));

    assertThat(m.feed("aE")).isEqualTo("a");
    assertThat(m.feed("Nx")).isEqualTo("ENx");
    assertThat(m.stopped()).isFalse();
  }

  @Test
  void flushReturnsHeldTextWhenGenerationEndsOtherwise() {
    StopMatcher m = new StopMatcher(List.of("\n\n"));

    assertThat(m.feed("line\n")).isEqualTo("line");
    assertThat(m.flush()).isEqualTo("\n");
  }

  @Test
  void earliestOfSeveralStopsWins() {
    StopMatcher m = new StopMatcher(List.of("cd", "b"));

    assertThat(m.feed("abcd")).isEqualTo("a");
    assertThat(m.stopped()).isTrue();
  }

  @Test
  void stopInsideOneTokenCutsTheTokenText() {
    StopMatcher m = new StopMatcher(List.of("."));

    assertThat(m.feed("end. Next")).isEqualTo("end");
    assertThat(m.stopped()).isTrue();
  }

  @Test
  void overlappingPartialMatchesHoldTheLongestCandidate() {
    StopMatcher m = new StopMatcher(List.of("aab"));

    assertThat(m.feed("xaa")).isEqualTo("x");
    assertThat(m.feed("a")).isEqualTo("a");
    assertThat(m.feed("b")).isEmpty();
    assertThat(m.stopped()).isTrue();
  }

  @Test
  void emptyStopStringsAreIgnored() {
    StopMatcher m = new StopMatcher(List.of(""));

    assertThat(m.feed("abc")).isEqualTo("abc");
    assertThat(m.stopped()).isFalse();
  }
}
