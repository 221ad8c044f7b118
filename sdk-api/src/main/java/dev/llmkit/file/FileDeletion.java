package dev.llmkit.file;

import dev.llmkit.internal.Checks;
import dev.llmkit.internal.Immutables;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The outcome of {@link FileService#delete(String)}. Immutable. */
public final class FileDeletion {
  private final String id;
  private final boolean deleted;
  private final Map<String, Object> extra;

  private FileDeletion(String id, boolean deleted, Map<String, ?> extra) {
    this.id = Checks.notNull(id, "id");
    this.deleted = deleted;
    this.extra = Immutables.extra(extra, "extra");
  }

  public static FileDeletion of(String id, boolean deleted) {
    return new FileDeletion(id, deleted, Map.of());
  }

  /** Returns a deletion result that also keeps provider fields this SDK does not model. */
  public static FileDeletion of(String id, boolean deleted, Map<String, ?> extra) {
    return new FileDeletion(id, deleted, extra);
  }

  /** The id of the file. */
  public String id() {
    return id;
  }

  /** Whether the provider deleted the file. */
  public boolean deleted() {
    return deleted;
  }

  /** Provider fields this SDK does not model (e.g. {@code object}). */
  public Map<String, Object> extra() {
    return extra;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileDeletion d
        && id.equals(d.id)
        && deleted == d.deleted
        && extra.equals(d.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, deleted, extra);
  }

  @Override
  public String toString() {
    return "FileDeletion{id=" + id + ", deleted=" + deleted + "}";
  }
}
