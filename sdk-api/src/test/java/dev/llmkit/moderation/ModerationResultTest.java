package dev.llmkit.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerationResultTest {

  private static ModerationResult sample() {
    Map<String, Boolean> categories = new LinkedHashMap<>();
    categories.put("hate", false);
    categories.put("violence/graphic", true);
    categories.put("future-category", true);
    return ModerationResult.builder()
        .flagged(true)
        .categories(categories)
        .categoryScores(Map.of("hate", 0.01, "violence/graphic", 0.93))
        .categoryAppliedInputTypes(Map.of("violence/graphic", List.of("text", "image")))
        .extra(Map.of("future_field", 1))
        .build();
  }

  @Test
  void typedAccessorsReadTheOpenMaps() {
    ModerationResult result = sample();

    assertThat(result.flagged(ModerationCategory.VIOLENCE_GRAPHIC)).isTrue();
    assertThat(result.flagged(ModerationCategory.HATE)).isFalse();
    assertThat(result.score(ModerationCategory.VIOLENCE_GRAPHIC)).hasValue(0.93);
    assertThat(result.appliedInputTypes(ModerationCategory.VIOLENCE_GRAPHIC))
        .containsExactly("text", "image");
  }

  @Test
  void unreportedCategoryIsNotFlaggedAndHasNoScore() {
    ModerationResult result = sample();

    assertThat(result.flagged(ModerationCategory.ILLICIT)).isFalse();
    assertThat(result.score(ModerationCategory.ILLICIT)).isEmpty();
    assertThat(result.appliedInputTypes(ModerationCategory.ILLICIT)).isEmpty();
  }

  @Test
  void unknownCategoriesAreKeptAndListedWhenFlagged() {
    ModerationResult result = sample();

    assertThat(result.flaggedCategories())
        .containsExactly(
            ModerationCategory.VIOLENCE_GRAPHIC, new ModerationCategory("future-category"));
    assertThat(result.flaggedCategories().get(1).isKnown()).isFalse();
    assertThat(result.extra()).containsEntry("future_field", 1);
  }

  @Test
  void nullCategoriesFromTheProviderAreLeftOut() {
    Map<String, Boolean> categories = new LinkedHashMap<>();
    categories.put("illicit", null);
    categories.put("hate", true);
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("illicit", null);

    ModerationResult result =
        ModerationResult.builder().categories(categories).categoryScores(scores).build();

    assertThat(result.categories()).containsOnlyKeys("hate");
    assertThat(result.flagged(ModerationCategory.ILLICIT)).isFalse();
    assertThat(result.score(ModerationCategory.ILLICIT)).isEmpty();
  }

  @Test
  void knownCategoriesCoverTheThirteenDocumentedOnes() {
    assertThat(ModerationCategory.known()).hasSize(13).allMatch(ModerationCategory::isKnown);
    assertThat(ModerationCategory.of("self-harm/intent"))
        .isSameAs(ModerationCategory.SELF_HARM_INTENT);
  }

  @Test
  void responseIsFlaggedWhenAnyResultIs() {
    ModerationResult clean = ModerationResult.builder().build();
    ModerationResponse response =
        ModerationResponse.builder()
            .id("modr-1")
            .model("omni")
            .results(List.of(clean, sample()))
            .build();

    assertThat(response.flagged()).isTrue();
    assertThat(response.results()).hasSize(2);
    assertThat(response.toBuilder().build()).isEqualTo(response);
  }
}
