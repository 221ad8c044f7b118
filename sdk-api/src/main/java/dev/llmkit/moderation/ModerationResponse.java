package dev.llmkit.moderation;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The answer to a {@link ModerationRequest}: one {@link ModerationResult} per input. Immutable. */
public final class ModerationResponse {
  private final String id;
  private final String model;
  private final List<ModerationResult> results;
  private final Map<String, Object> extra;

  private ModerationResponse(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.model = Checks.notNull(b.model, "model");
    this.results = Immutables.list(b.results, "results");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider's identifier of this moderation request. */
  public String id() {
    return id;
  }

  /** The model that produced the results. */
  public String model() {
    return model;
  }

  /** One result per input, in input order. */
  public List<ModerationResult> results() {
    return results;
  }

  /** Whether any result is flagged. */
  public boolean flagged() {
    return results.stream().anyMatch(ModerationResult::flagged);
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModerationResponse r
        && id.equals(r.id)
        && model.equals(r.model)
        && results.equals(r.results)
        && extra.equals(r.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, model, results, extra);
  }

  @Override
  public String toString() {
    return "ModerationResponse{id=" + id + ", model=" + model + ", results=" + results + "}";
  }

  public static final class Builder {
    private @Nullable String id;
    private @Nullable String model;
    private List<ModerationResult> results = new ArrayList<>();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(ModerationResponse r) {
      this.id = r.id;
      this.model = r.model;
      this.results = new ArrayList<>(r.results);
      this.extra = new LinkedHashMap<>(r.extra);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder results(List<ModerationResult> results) {
      this.results = new ArrayList<>(Immutables.list(results, "results"));
      return this;
    }

    public Builder addResult(ModerationResult result) {
      results.add(Checks.notNull(result, "result"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public ModerationResponse build() {
      return new ModerationResponse(this);
    }
  }
}
