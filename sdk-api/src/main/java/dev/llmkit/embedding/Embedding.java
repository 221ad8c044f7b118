package dev.llmkit.embedding;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One embedding vector and the position of its input in the request. Immutable: the vector is
 * copied when built and {@link #vector()} returns a copy; {@link #asBuffer()} and {@link #get(int)}
 * read it without copying.
 */
public final class Embedding {
  private final int index;
  private final float[] vector;
  private final String object;
  private final Map<String, Object> extra;

  private Embedding(Builder b) {
    Checks.check(b.index >= 0, "index is " + b.index + "; it must be 0 or more");
    this.index = b.index;
    this.vector = Checks.notNull(b.vector, "vector").clone();
    this.object = Checks.notNull(b.object, "object");
    this.extra = Immutables.extra(b.extra, "extra");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns an embedding of input {@code index} with a copy of {@code vector}. */
  public static Embedding of(int index, float[] vector) {
    return builder().index(index).vector(vector).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The position of the input this vector belongs to, counted from 0. */
  public int index() {
    return index;
  }

  /** A copy of the vector. */
  public float[] vector() {
    return vector.clone();
  }

  /** A read-only view of the vector, without copying. */
  public FloatBuffer asBuffer() {
    return FloatBuffer.wrap(vector).asReadOnlyBuffer();
  }

  /** The component at {@code i}. */
  public float get(int i) {
    Checks.check(
        i >= 0 && i < vector.length,
        "i is " + i + "; allowed range is 0 to " + (vector.length - 1));
    return vector[i];
  }

  /** The number of components. */
  public int dimensions() {
    return vector.length;
  }

  /** The provider's object type, {@code "embedding"} for OpenAI. */
  public String object() {
    return object;
  }

  /** Provider fields this SDK does not model. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The cosine similarity of this vector and {@code other}; see {@link Embeddings}. */
  public double cosineSimilarity(Embedding other) {
    Checks.notNull(other, "other");
    return Embeddings.cosineSimilarity(vector, other.vector);
  }

  float[] unsafeVector() {
    return vector;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Embedding e
        && index == e.index
        && Arrays.equals(vector, e.vector)
        && object.equals(e.object)
        && extra.equals(e.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, Arrays.hashCode(vector), object, extra);
  }

  @Override
  public String toString() {
    return "Embedding{index=" + index + ", dimensions=" + vector.length + "}";
  }

  public static final class Builder {
    private int index;
    private float @Nullable [] vector;
    private String object = "embedding";
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder(Embedding e) {
      this.index = e.index;
      this.vector = e.vector;
      this.object = e.object;
      this.extra = new LinkedHashMap<>(e.extra);
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    /** Sets the vector; it is copied when built. */
    public Builder vector(float[] vector) {
      this.vector = Checks.notNull(vector, "vector");
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

    public Embedding build() {
      return new Embedding(this);
    }
  }
}
