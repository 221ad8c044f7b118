package dev.llmkit.finetuning;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An integration enabled for a job. Today the only type is {@value #TYPE_WANDB} (Weights and
 * Biases), whose settings are modelled; other types keep their payload in {@link #extra()}.
 * Immutable.
 */
public final class FineTuningIntegration {
  /** The Weights and Biases integration type. */
  public static final String TYPE_WANDB = "wandb";

  private final String type;
  private final @Nullable String project;
  private final @Nullable String name;
  private final @Nullable String entity;
  private final List<String> tags;
  private final Map<String, Object> extra;

  private FineTuningIntegration(Builder b) {
    this.type = Checks.notBlank(b.type, "type");
    if (type.equals(TYPE_WANDB)) {
      Checks.notBlank(b.project, "project");
    }
    this.project = b.project;
    this.name = b.name;
    this.entity = b.entity;
    this.tags = Immutables.list(b.tags, "tags");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A Weights and Biases integration logging to {@code project}. */
  public static FineTuningIntegration wandb(String project) {
    return builder().project(project).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The integration type, {@value #TYPE_WANDB} unless set. */
  public String type() {
    return type;
  }

  /** The W&B project runs are created under. */
  public Optional<String> project() {
    return Optional.ofNullable(project);
  }

  /** The W&B run display name; defaults to the job id. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The W&B entity (team or user). */
  public Optional<String> entity() {
    return Optional.ofNullable(entity);
  }

  /** Tags attached to the W&B run. */
  public List<String> tags() {
    return tags;
  }

  /** Provider fields this SDK does not model, including the payload of other integration types. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FineTuningIntegration i
        && type.equals(i.type)
        && Objects.equals(project, i.project)
        && Objects.equals(name, i.name)
        && Objects.equals(entity, i.entity)
        && tags.equals(i.tags)
        && extra.equals(i.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, project, name, entity, tags, extra);
  }

  @Override
  public String toString() {
    return "FineTuningIntegration{type="
        + type
        + (project != null ? ", project=" + project : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String type = TYPE_WANDB;
    private @Nullable String project;
    private @Nullable String name;
    private @Nullable String entity;
    private List<String> tags = new ArrayList<>();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(FineTuningIntegration i) {
      this.type = i.type;
      this.project = i.project;
      this.name = i.name;
      this.entity = i.entity;
      this.tags = new ArrayList<>(i.tags);
      this.extra = new LinkedHashMap<>(i.extra);
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder project(@Nullable String project) {
      this.project = project;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder entity(@Nullable String entity) {
      this.entity = entity;
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags = new ArrayList<>(Immutables.list(tags, "tags"));
      return this;
    }

    public Builder addTag(String tag) {
      tags.add(Checks.notNull(tag, "tag"));
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public FineTuningIntegration build() {
      return new FineTuningIntegration(this);
    }
  }
}
