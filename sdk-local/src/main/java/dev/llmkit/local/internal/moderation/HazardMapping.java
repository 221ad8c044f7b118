package dev.llmkit.local.internal.moderation;

import static dev.llmkit.moderation.ModerationCategory.HARASSMENT;
import static dev.llmkit.moderation.ModerationCategory.HATE;
import static dev.llmkit.moderation.ModerationCategory.ILLICIT;
import static dev.llmkit.moderation.ModerationCategory.ILLICIT_VIOLENT;
import static dev.llmkit.moderation.ModerationCategory.SELF_HARM;
import static dev.llmkit.moderation.ModerationCategory.SEXUAL;
import static dev.llmkit.moderation.ModerationCategory.SEXUAL_MINORS;
import static dev.llmkit.moderation.ModerationCategory.VIOLENCE;

import dev.llmkit.moderation.ModerationCategory;
import dev.llmkit.moderation.ModerationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps Llama Guard 3's hazard codes (MLCommons taxonomy) to OpenAI's moderation categories, and
 * builds the {@link ModerationResult}.
 *
 * <table>
 *   <caption>Hazard code → OpenAI categories</caption>
 *   <tr><td>S1 Violent Crimes</td><td>violence, illicit/violent</td></tr>
 *   <tr><td>S2 Non-Violent Crimes</td><td>illicit</td></tr>
 *   <tr><td>S3 Sex Crimes</td><td>sexual, illicit</td></tr>
 *   <tr><td>S4 Child Exploitation</td><td>sexual/minors, sexual</td></tr>
 *   <tr><td>S5 Defamation</td><td>harassment</td></tr>
 *   <tr><td>S6 Specialized Advice</td><td>none (kept in extra)</td></tr>
 *   <tr><td>S7 Privacy</td><td>none (kept in extra)</td></tr>
 *   <tr><td>S8 Intellectual Property</td><td>none (kept in extra)</td></tr>
 *   <tr><td>S9 Indiscriminate Weapons</td><td>illicit/violent, violence</td></tr>
 *   <tr><td>S10 Hate</td><td>hate</td></tr>
 *   <tr><td>S11 Self-Harm</td><td>self-harm</td></tr>
 *   <tr><td>S12 Sexual Content</td><td>sexual</td></tr>
 *   <tr><td>S13 Elections</td><td>none (kept in extra)</td></tr>
 *   <tr><td>S14 Code Interpreter Abuse</td><td>illicit</td></tr>
 * </table>
 *
 * <p>Every known OpenAI category is reported. A category is flagged when a code of an unsafe
 * verdict maps to it, and its score is then the model's probability of the unsafe verdict;
 * categories no code maps to score 0. {@code flagged} is true for every unsafe verdict, also when
 * its codes map to no OpenAI category; output that is neither verdict is flagged when the unsafe
 * probability is above 0.5. {@code extra} carries {@code guard_verdict}, {@code
 * unsafe_probability}, {@code hazard_codes} and {@code unmapped_hazard_codes}.
 */
public final class HazardMapping {
  /** The table above. */
  public static final Map<String, List<ModerationCategory>> TABLE =
      Map.ofEntries(
          Map.entry("S1", List.of(VIOLENCE, ILLICIT_VIOLENT)),
          Map.entry("S2", List.of(ILLICIT)),
          Map.entry("S3", List.of(SEXUAL, ILLICIT)),
          Map.entry("S4", List.of(SEXUAL_MINORS, SEXUAL)),
          Map.entry("S5", List.of(HARASSMENT)),
          Map.entry("S9", List.of(ILLICIT_VIOLENT, VIOLENCE)),
          Map.entry("S10", List.of(HATE)),
          Map.entry("S11", List.of(SELF_HARM)),
          Map.entry("S12", List.of(SEXUAL)),
          Map.entry("S14", List.of(ILLICIT)));

  private HazardMapping() {}

  /** The OpenAI categories of {@code codes}, without duplicates, in table order per code. */
  public static Set<ModerationCategory> categories(List<String> codes) {
    Set<ModerationCategory> out = new LinkedHashSet<>();
    for (String code : codes) {
      out.addAll(TABLE.getOrDefault(code, List.of()));
    }
    return out;
  }

  /** The result for a verdict and the probability (0 to 1) of the unsafe verdict token. */
  public static ModerationResult result(GuardVerdict verdict, double unsafeProbability) {
    Set<ModerationCategory> hit =
        verdict.kind() == GuardVerdict.Kind.UNSAFE ? categories(verdict.codes()) : Set.of();
    ModerationResult.Builder b =
        ModerationResult.builder()
            .flagged(
                verdict.kind() == GuardVerdict.Kind.UNSAFE
                    || (verdict.kind() == GuardVerdict.Kind.UNPARSED && unsafeProbability > 0.5));
    for (ModerationCategory c : ModerationCategory.known()) {
      boolean flagged = hit.contains(c);
      b.putCategory(c, flagged);
      b.putCategoryScore(c, flagged ? unsafeProbability : 0.0);
      b.putCategoryAppliedInputTypes(c, List.of("text"));
    }
    List<String> unmapped = new ArrayList<>();
    for (String code : verdict.codes()) {
      if (!TABLE.containsKey(code)) {
        unmapped.add(code);
      }
    }
    return b.extra(
            Map.of(
                "guard_verdict", verdict.kind().value(),
                "unsafe_probability", unsafeProbability,
                "hazard_codes", verdict.codes(),
                "unmapped_hazard_codes", List.copyOf(unmapped)))
        .build();
  }
}
