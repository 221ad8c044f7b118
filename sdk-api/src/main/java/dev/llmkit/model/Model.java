package dev.llmkit.model;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A model the provider offers. Immutable. */
public final class Model {
  private final String id;
  private final long created;
  private final String ownedBy;
  private final String object;
  private final Map<String, Object> extra;

  private Model(Builder b) {
    this.id = Checks.notNull(b.id, "id");
    this.created = b.created;
    this.ownedBy = Checks.notNull(b.ownedBy, "ownedBy");
    this.object = Checks.notNull(b.object, "object");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The model id to use in requests, e.g. {@code gpt-4o-mini}. */
  public String id() {
    return id;
  }

  /** When the model was created, in Unix epoch seconds; 0 when unknown. */
  public long created() {
    return created;
  }

  /** The organization that owns the model ({@code owned_by}). */
  public String ownedBy() {
    return ownedBy;
  }

  /** The object type, {@code "model"}. */
  public String object() {
    return object;
  }

  /** Provider fields this type does not model (e.g. {@code shutdown_date}), by wire name. */
  public Map<String, Object> extra() {
    return extra;
  }

  private List<@Nullable Object> state() {
    return Arrays.asList(id, created, ownedBy, object, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Model && state().equals(((Model) o).state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  @Override
  public String toString() {
    return "Model{" + "id=" + id + ", ownedBy=" + ownedBy + "}";
  }

  /** Builds a {@link Model}. */
  public static final class Builder {
    private @Nullable String id;
    private long created;
    private @Nullable String ownedBy;
    private @Nullable String object = "model";
    private Map<String, ?> extra = Map.of();

    private Builder() {}

    private Builder(Model v) {
      id = v.id;
      created = v.created;
      ownedBy = v.ownedBy;
      object = v.object;
      extra = v.extra;
    }

    public Builder id(String id) {
      this.id = Checks.notNull(id, "id");
      return this;
    }

    public Builder created(long created) {
      this.created = created;
      return this;
    }

    public Builder ownedBy(String ownedBy) {
      this.ownedBy = Checks.notNull(ownedBy, "ownedBy");
      return this;
    }

    public Builder object(String object) {
      this.object = Checks.notNull(object, "object");
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = Checks.notNull(extra, "extra");
      return this;
    }

    public Model build() {
      return new Model(this);
    }
  }
}
