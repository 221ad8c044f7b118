package dev.llmkit.local.internal.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazardMappingTest {
  @Test
  void parsesSafe() {
    assertThat(GuardVerdict.parse("safe"))
        .isEqualTo(new GuardVerdict(GuardVerdict.Kind.SAFE, List.of()));
    assertThat(GuardVerdict.parse("\n\n safe \n").kind()).isEqualTo(GuardVerdict.Kind.SAFE);
  }

  @Test
  void parsesUnsafeWithCodes() {
    assertThat(GuardVerdict.parse("unsafe\nS1,S10"))
        .isEqualTo(new GuardVerdict(GuardVerdict.Kind.UNSAFE, List.of("S1", "S10")));
    assertThat(GuardVerdict.parse("\n\nunsafe\r\n s2 , S2,S14,bogus").codes())
        .containsExactly("S2", "S14");
    assertThat(GuardVerdict.parse("unsafe").codes()).isEmpty();
  }

  @Test
  void anythingElseIsUnparsed() {
    assertThat(GuardVerdict.parse("Once upon a time").kind()).isEqualTo(GuardVerdict.Kind.UNPARSED);
    assertThat(GuardVerdict.parse("").kind()).isEqualTo(GuardVerdict.Kind.UNPARSED);
    assertThat(GuardVerdict.parse("safety first").kind()).isEqualTo(GuardVerdict.Kind.UNPARSED);
  }

  @Test
  void unsafeCodesFlagTheirOpenAiCategoriesWithTheUnsafeProbability() {
    ModerationResult r = HazardMapping.result(GuardVerdict.parse("unsafe\nS1,S10"), 0.93);

    assertThat(r.flagged()).isTrue();
    assertThat(r.flaggedCategories())
        .containsExactlyInAnyOrder(
            ModerationCategory.VIOLENCE,
            ModerationCategory.ILLICIT_VIOLENT,
            ModerationCategory.HATE);
    assertThat(r.score(ModerationCategory.HATE)).hasValue(0.93);
    assertThat(r.score(ModerationCategory.VIOLENCE)).hasValue(0.93);
    assertThat(r.score(ModerationCategory.SEXUAL)).hasValue(0.0);
    assertThat(r.categories()).hasSize(ModerationCategory.known().size());
    assertThat(r.appliedInputTypes(ModerationCategory.HATE)).containsExactly("text");
    assertThat(r.extra())
        .containsEntry("guard_verdict", "unsafe")
        .containsEntry("hazard_codes", List.of("S1", "S10"))
        .containsEntry("unmapped_hazard_codes", List.of())
        .containsEntry("unsafe_probability", 0.93);
  }

  @Test
  void codesWithoutAnOpenAiCategoryStayFlaggedAndKeptInExtra() {
    ModerationResult r = HazardMapping.result(GuardVerdict.parse("unsafe\nS6,S13,S11"), 0.6);

    assertThat(r.flagged()).isTrue();
    assertThat(r.flaggedCategories()).containsExactly(ModerationCategory.SELF_HARM);
    assertThat(r.extra()).containsEntry("unmapped_hazard_codes", List.of("S6", "S13"));
  }

  @Test
  void everyCodeMapsAsDocumented() {
    assertThat(HazardMapping.categories(List.of("S2"))).containsExactly(ModerationCategory.ILLICIT);
    assertThat(HazardMapping.categories(List.of("S3")))
        .containsExactly(ModerationCategory.SEXUAL, ModerationCategory.ILLICIT);
    assertThat(HazardMapping.categories(List.of("S4")))
        .containsExactly(ModerationCategory.SEXUAL_MINORS, ModerationCategory.SEXUAL);
    assertThat(HazardMapping.categories(List.of("S5")))
        .containsExactly(ModerationCategory.HARASSMENT);
    assertThat(HazardMapping.categories(List.of("S7", "S8"))).isEmpty();
    assertThat(HazardMapping.categories(List.of("S9")))
        .containsExactly(ModerationCategory.ILLICIT_VIOLENT, ModerationCategory.VIOLENCE);
    assertThat(HazardMapping.categories(List.of("S12"))).containsExactly(ModerationCategory.SEXUAL);
    assertThat(HazardMapping.categories(List.of("S14")))
        .containsExactly(ModerationCategory.ILLICIT);
  }

  @Test
  void safeFlagsNothingAndUnparsedOutputFallsBackToTheProbability() {
    ModerationResult safe = HazardMapping.result(GuardVerdict.parse("safe"), 0.02);
    ModerationResult unsure = HazardMapping.result(GuardVerdict.parse("???"), 0.7);

    assertThat(safe.flagged()).isFalse();
    assertThat(safe.flaggedCategories()).isEmpty();
    assertThat(safe.categoryScores().values()).containsOnly(0.0);
    assertThat(safe.extra()).containsEntry("guard_verdict", "safe");
    assertThat(unsure.flagged()).isTrue();
    assertThat(unsure.flaggedCategories()).isEmpty();
    assertThat(unsure.extra()).containsEntry("guard_verdict", "unparsed");
  }
}
