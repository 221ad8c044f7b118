package dev.llmkit.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map of a few entries in two arrays, in insertion order, that keeps {@code null}
 * values: what {@link Immutables#extra} returns for the small {@code extra()} maps that every
 * response and stream chunk carries, at a fraction of a {@code LinkedHashMap}'s size. Lookups scan
 * the keys, which is faster than hashing at this size. {@code equals}, {@code hashCode} and {@code
 * toString} are {@link AbstractMap}'s, so it compares equal to any map with the same entries.
 */
final class SmallMap extends AbstractMap<String, Object> {
  static final int MAX = 8;

  private final String[] keys;
  private final @Nullable Object[] values;

  private SmallMap(String[] keys, @Nullable Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** Copies {@code source} (at most {@link #MAX} entries); a null key is rejected. */
  static SmallMap copyOf(Map<String, ?> source, String name) {
    Copier copier = new Copier(source.size(), name);
    source.forEach(copier); // LinkedHashMap and others walk their entries without an iterator
    if (copier.next != copier.keys.length) {
      throw new IllegalStateException(name + " changed while it was copied");
    }
    return new SmallMap(copier.keys, copier.values);
  }

  private static final class Copier implements BiConsumer<String, @Nullable Object> {
    final String[] keys;
    final @Nullable Object[] values;
    final String name;
    int next;

    Copier(int size, String name) {
      this.keys = new String[size];
      this.values = new Object[size];
      this.name = name;
    }

    @Override
    public void accept(String key, @Nullable Object value) {
      if (next == keys.length) {
        throw new IllegalStateException(name + " changed while it was copied");
      }
      if (key == null) {
        throw new NullPointerException(name + " has a null key");
      }
      keys[next] = key;
      values[next] = value;
      next++;
    }
  }

  private int indexOf(@Nullable Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public boolean containsValue(@Nullable Object value) {
    for (Object v : values) {
      if (Objects.equals(v, value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  @SuppressWarnings("nullness")
  public @Nullable Object get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          @SuppressWarnings("nullness")
          public Map.Entry<String, Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }
}
