package dev.llmkit.embedding;

import dev.llmkit.common.Usage;
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
 * The vectors for an {@link EmbeddingRequest}, one {@link Embedding} per input. Immutable.
 *
 * <p>{@link #usage()} counts prompt and total tokens; its completion count is 0.
 */
public final class EmbeddingResponse {
  private final String model;
  private final List<Embedding> data;
  private final @Nullable Usage usage;
  private final String object;
  private final Map<String, Object> extra;

  private EmbeddingResponse(Builder b) {
    this.model = Checks.notNull(b.model, "model");
    this.data = Immutables.list(b.data, "data");
    this.usage = b.usage;
    this.object = Checks.notNull(b.object, "object");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The model that produced the vectors. */
  public String model() {
    return model;
  }

  /** The embeddings, in the order the provider sent them; see {@link Embedding#index()}. */
  public List<Embedding> data() {
    return data;
  }

  /** The embedding of input {@code index}. */
  public Embedding embedding(int index) {
    for (Embedding e : data) {
      if (e.index() == index) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "index is " + index + "; this response holds " + data.size() + " embeddings");
  }

  /** Token usage, when the provider reports it. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** The provider's object type, {@code "list"} for OpenAI. */
  public String object() {
    return object;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EmbeddingResponse r
        && model.equals(r.model)
        && data.equals(r.data)
        && Objects.equals(usage, r.usage)
        && object.equals(r.object)
        && extra.equals(r.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, data, usage, object, extra);
  }

  @Override
  public String toString() {
    return "EmbeddingResponse{model="
        + model
        + ", embeddings="
        + data.size()
        + (data.isEmpty() ? "" : ", dimensions=" + data.get(0).dimensions())
        + (usage != null ? ", usage=" + usage : "")
        + "}";
  }

  public static final class Builder {
    private @Nullable String model;
    private List<Embedding> data = new ArrayList<>();
    private @Nullable Usage usage;
    private String object = "list";
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(EmbeddingResponse r) {
      this.model = r.model;
      this.data = new ArrayList<>(r.data);
      this.usage = r.usage;
      this.object = r.object;
      this.extra = new LinkedHashMap<>(r.extra);
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder data(List<Embedding> data) {
      this.data = new ArrayList<>(Immutables.list(data, "data"));
      return this;
    }

    public Builder addData(Embedding embedding) {
      data.add(Checks.notNull(embedding, "embedding"));
      return this;
    }

    public Builder usage(@Nullable Usage usage) {
      this.usage = usage;
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder extra(Map<String, ?> extra) {
      this.extra = new LinkedHashMap<>(Immutables.extra(extra, "extra"));
      return this;
    }

    public EmbeddingResponse build() {
      return new EmbeddingResponse(this);
    }
  }
}
