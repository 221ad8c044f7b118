package dev.llmkit.model;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The outcome of deleting a fine-tuned model. Immutable. */
public final class ModelDeletion {
  private final String id;
  private final boolean deleted;
  private final Map<String, Object> extra;

  private ModelDeletion(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.deleted = b.deleted;
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The id of the model. */
  public String id() {
    return id;
  }

  /** Whether the model was deleted. */
  public boolean deleted() {
    return deleted;
  }

  /** Provider fields this type does not model (e.g. {@code shutdown_date}), by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, deleted, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModelDeletion && state().equals(((ModelDeletion) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "ModelDeletion{" + "id=" + id + ", deleted=" + deleted + "}";
  }

  /** Builds a {@link ModelDeletion}. */
  public static final class Builder {
    private @Nullable String id;
    private boolean deleted;
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(ModelDeletion v) {
      id = v.id;
      deleted = v.deleted;
      extra = v.extra;
    }

    public Builder id(String id) {
      this.id = Checks.notNull(id, "id");
      return this;
    }

    public Builder deleted(boolean deleted) {
      this.deleted = deleted;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public ModelDeletion build() {
      return new ModelDeletion(this);
    }
  }
}
