package dev.llmkit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenEnumTest {
  @Test
  void ofReturnsTheConstantForKnownValues() {
    assertThat(FinishReason.of("stop")).isSameAs(FinishReason.STOP);
    assertThat(Role.of("developer")).isSameAs(Role.DEVELOPER);
    assertThat(ReasoningEffort.of("xhigh")).isSameAs(ReasoningEffort.XHIGH);
    assertThat(ImageDetail.of("low")).isSameAs(ImageDetail.LOW);
  }

  @Test
  void unknownValuesAreKeptNotRejected() {
    FinishReason reason = FinishReason.of("paused_for_review");

    assertThat(reason.value()).isEqualTo("paused_for_review");
    assertThat(reason.isKnown()).isFalse();
    assertThat(reason).isEqualTo(new FinishReason("paused_for_review"));
    assertThat(reason.toString()).isEqualTo("paused_for_review");
  }

  @Test
  void knownValuesMatchTheSpec() {
    assertThat(FinishReason.knownValues())
        .extracting(FinishReason::value)
        .containsExactly("stop", "length", "tool_calls", "content_filter", "function_call");
    assertThat(Role.knownValues())
        .extracting(Role::value)
        .containsExactly("system", "developer", "user", "assistant", "tool");
    assertThat(Role.of("user").isKnown()).isTrue();
  }

  @Test
  void blankValuesAreRejected() {
    assertThatThrownBy(() -> Role.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FinishReason.of(null)).hasMessage("value == null");
  }
}
