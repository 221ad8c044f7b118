package dev.llmkit.local.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.InvalidRequestException;
import dev.llmkit.local.internal.moderation.GuardModel;
import dev.llmkit.local.testing.SharedModels;
import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationRequest;
import dev.llmkit.moderation.ModerationResponse;
import dev.llmkit.moderation.ModerationResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plumbing end to end on a tiny story model standing in for a guard model: what it answers is
 * meaningless, so the structure is checked, not the verdict.
 */
class LocalModerationServiceTest {
  private static GuardModel guard;

  @BeforeAll
  static void load() {
    // stories260K was trained on 128 positions, fewer than the guard prompt needs: let it run on
    guard = GuardModel.load(SharedModels.resolve("stories260K/stories260K.gguf"), 2, 1024);
  }

  @AfterAll
  static void close() {
    if (guard != null) {
      guard.close();
    }
  }

  @Test
  void classifiesEachTextWithAWellFormedResult() {
    ModerationResponse r =
        new LocalModerationService(guard)
            .moderate(
                ModerationRequest.builder()
                    .model("whatever")
                    .inputs(List.of("Hello there", "The cat sat on the mat"))
                    .build());

    assertThat(r.model()).isEqualTo("stories260K");
    assertThat(r.id()).startsWith("modr-");
    assertThat(r.results()).hasSize(2);
    for (ModerationResult result : r.results()) {
      assertThat(result.categories().keySet())
          .containsExactlyInAnyOrderElementsOf(
              ModerationCategory.known().stream().map(ModerationCategory::value).toList());
      assertThat(result.categoryScores().values()).allMatch(s -> s >= 0.0 && s <= 1.0);
      assertThat(result.extra()).containsKeys("guard_verdict", "unsafe_probability");
      assertThat((Double) result.extra().get("unsafe_probability")).isBetween(0.0, 1.0);
    }
  }

  @Test
  void theSameInputGivesTheSameGreedyResult() {
    GuardModel.Output a = guard.classify("Once upon a time");
    GuardModel.Output b = guard.classify("Once upon a time");

    assertThat(a).isEqualTo(b);
    assertThat(a.promptTokens()).isGreaterThan(100);
  }

  @Test
  void imagePartsAreRefused() {
    ModerationRequest request =
        ModerationRequest.builder()
            .addText("look")
            .addImageUrl("https://example.com/cat.png")
            .build();

    assertThatThrownBy(() -> new LocalModerationService(guard).moderate(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text only");
  }

  @Test
  void tooLongInputIsAnInvalidRequest() {
    assertThatThrownBy(() -> guard.classify("cat ".repeat(1000)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("shorten the input");
  }
}
