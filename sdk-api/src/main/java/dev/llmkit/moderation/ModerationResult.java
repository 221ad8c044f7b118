package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The verdict for one input of a {@link ModerationRequest}. Immutable.
 *
 * <p>The maps are keyed by category name (e.g. {@code "hate/threatening"}) and keep categories this
 * SDK does not know. A category the provider reported as {@code null} is absent from {@link
 * #categories()}. The typed accessors take a {@link ModerationCategory}.
 */
public final class ModerationResult {
  private final boolean flagged;
  private final Map<String, Boolean> categories;
  private final Map<String, Double> categoryScores;
  private final Map<String, List<String>> categoryAppliedInputTypes;
  private final Map<String, Object> extra;

  private ModerationResult(Builder b) {
    this.flagged = b.flagged;
    this.categories = Immutables.map(b.categories, "categories");
    this.categoryScores = Immutables.map(b.categoryScores, "categoryScores");
    Map<String, List<String>> applied = new LinkedHashMap<>();
    Immutables.map(b.categoryAppliedInputTypes, "categoryAppliedInputTypes")
        .forEach(
            (k, v) -> applied.put(k, Immutables.list(v, "categoryAppliedInputTypes[" + k + "]")));
    this.categoryAppliedInputTypes = Collections.unmodifiableMap(applied);
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether any category is flagged. */
  public boolean flagged() {
    return flagged;
  }

  /** Category name → flagged. */
  public Map<String, Boolean> categories() {
    return categories;
  }

  /** Category name → score in [0, 1] as predicted by the model. */
  public Map<String, Double> categoryScores() {
    return categoryScores;
  }

  /** Category name → the input types ({@code "text"}, {@code "image"}) the score applies to. */
  public Map<String, List<String>> categoryAppliedInputTypes() {
    return categoryAppliedInputTypes;
  }

  /** Whether {@code category} is flagged; {@code false} when the provider did not report it. */
  public boolean flagged(ModerationCategory category) {
    Checks.notNull(category, "category");
    return Boolean.TRUE.equals(categories.get(category.value()));
  }

  /** The score of {@code category}, empty when the provider did not report it. */
  public OptionalDouble score(ModerationCategory category) {
    Checks.notNull(category, "category");
    Double score = categoryScores.get(category.value());
    return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
  }

  /** The input types the score of {@code category} applies to; empty when not reported. */
  public List<String> appliedInputTypes(ModerationCategory category) {
    Checks.notNull(category, "category");
    return categoryAppliedInputTypes.getOrDefault(category.value(), List.of());
  }

  /** The flagged categories, known or not, in the order the provider listed them. */
  public List<ModerationCategory> flaggedCategories() {
    List<ModerationCategory> result = new ArrayList<>();
    categories.forEach(
        (name, isFlagged) -> {
          if (isFlagged) {
            result.add(ModerationCategory.of(name));
          }
        });
    return List.copyOf(result);
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModerationResult r
        && flagged == r.flagged
        && categories.equals(r.categories)
        && categoryScores.equals(r.categoryScores)
        && categoryAppliedInputTypes.equals(r.categoryAppliedInputTypes)
        && extra.equals(r.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flagged, categories, categoryScores, categoryAppliedInputTypes, extra);
  }

  @Override
  public String toString() {
    return "ModerationResult{flagged="
        + flagged
        + ", flaggedCategories="
        + flaggedCategories()
        + "}";
  }

  public static final class Builder {
    private boolean flagged;
    private Map<String, Boolean> categories = new LinkedHashMap<>();
    private Map<String, Double> categoryScores = new LinkedHashMap<>();
    private Map<String, List<String>> categoryAppliedInputTypes = new LinkedHashMap<>();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(ModerationResult r) {
      this.flagged = r.flagged;
      this.categories = new LinkedHashMap<>(r.categories);
      this.categoryScores = new LinkedHashMap<>(r.categoryScores);
      this.categoryAppliedInputTypes = new LinkedHashMap<>(r.categoryAppliedInputTypes);
      this.extra = new LinkedHashMap<>(r.extra);
    }

    public Builder flagged(boolean flagged) {
      this.flagged = flagged;
      return this;
    }

    /** Sets category → flagged; entries with a null value (JSON {@code null}) are skipped. */
    public Builder categories(Map<String, ? extends @Nullable Boolean> categories) {
      this.categories = withoutNullValues(categories, "categories");
      return this;
    }

    public Builder putCategory(ModerationCategory category, boolean flagged) {
      categories.put(Checks.notNull(category, "category").value(), flagged);
      return this;
    }

    /** Sets category → score; entries with a null value (JSON {@code null}) are skipped. */
    public Builder categoryScores(Map<String, ? extends @Nullable Double> categoryScores) {
      this.categoryScores = withoutNullValues(categoryScores, "categoryScores");
      return this;
    }

    public Builder putCategoryScore(ModerationCategory category, double score) {
      categoryScores.put(Checks.notNull(category, "category").value(), score);
      return this;
    }

    /** Sets category → input types; entries with a null value (JSON {@code null}) are skipped. */
    public Builder categoryAppliedInputTypes(
        Map<String, ? extends @Nullable List<String>> appliedInputTypes) {
      this.categoryAppliedInputTypes =
          withoutNullValues(appliedInputTypes, "categoryAppliedInputTypes");
      return this;
    }

    private static <V> Map<String, V> withoutNullValues(
        Map<String, ? extends @Nullable V> values, String name) {
      Checks.notNull(values, name);
      Map<String, V> copy = new LinkedHashMap<>();
      values.forEach(
          (k, v) -> {
            if (v != null) {
              copy.put(Checks.notNull(k, name + " key"), v);
            }
          });
      return copy;
    }

    public Builder putCategoryAppliedInputTypes(ModerationCategory category, List<String> types) {
      categoryAppliedInputTypes.put(
          Checks.notNull(category, "category").value(), Immutables.list(types, "types"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public ModerationResult build() {
      return new ModerationResult(this);
    }
  }
}
