package dev.llmkit.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonTypesTest {
  @Test
  void usageTotalsDefaultToPromptPlusCompletion() {
    Usage usage = Usage.of(10, 5);

    assertThat(usage.totalTokens()).isEqualTo(15);
    assertThat(usage.promptTokensDetails()).isEmpty();
    assertThat(usage.toBuilder().totalTokens(20).build().totalTokens()).isEqualTo(20);
  }

  @Test
  void usageKeepsDetailsAndUnknownFields() {
    Usage usage =
        Usage.builder()
            .promptTokens(100)
            .completionTokens(50)
            .promptTokensDetails(
                PromptTokensDetails.builder().cachedTokens(64).audioTokens(1).build())
            .completionTokensDetails(
                CompletionTokensDetails.builder()
                    .reasoningTokens(30)
                    .acceptedPredictionTokens(2)
                    .rejectedPredictionTokens(3)
                    .audioTokens(4)
                    .build())
            .extra(Map.of("future_tokens", 7))
            .build();

    assertThat(usage.promptTokensDetails().get().cachedTokens()).isEqualTo(64);
    assertThat(usage.completionTokensDetails().get().reasoningTokens()).isEqualTo(30);
    assertThat(usage.completionTokensDetails().get().rejectedPredictionTokens()).isEqualTo(3);
    assertThat(usage.extra()).containsEntry("future_tokens", 7);
    assertThat(usage.toBuilder().build()).isEqualTo(usage);
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> Usage.of(-1, 0)).hasMessage("promptTokens is -1; it must be >= 0");
  }

  @Test
  void extraKeepsJsonNullValues() {
    Usage usage = Usage.builder().extra(Collections.singletonMap("maybe", null)).build();

    assertThat(usage.extra()).containsKey("maybe");
    assertThat(usage.extra().get("maybe")).isNull();
  }

  @Test
  void pageKeepsCursorsAndRejectsNullElements() {
    Page<String> page =
        Page.<String>builder()
            .data(List.of("a", "b"))
            .hasMore(true)
            .firstId("a")
            .lastId("b")
            .build();

    assertThat(page.data()).containsExactly("a", "b");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.lastId()).contains("b");
    assertThat(Page.of(List.of()).firstId()).isEmpty();
    assertThat(page.toBuilder().build()).isEqualTo(page);
    assertThatThrownBy(() -> Page.of(java.util.Arrays.asList("a", null)))
        .hasMessage("data[1] == null");
  }
}
