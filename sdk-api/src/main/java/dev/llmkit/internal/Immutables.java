package dev.llmkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Defensive, order-preserving immutable copies. */
public final class Immutables {
  private static final Class<?> SINGLETON_LIST = Collections.singletonList("").getClass();

  private Immutables() {}

  /** Copies a list, rejecting null elements with a message naming the list. */
  public static <T> List<T> list(@Nullable List<? extends T> nullableValues, String name) {
    List<? extends T> values = Checks.notNull(nullableValues, name);
    // Empty and one-element lists (every chunk of a stream) take no copy of an array: the JDK's
    // shared empty list and singleton are immutable and, like the copy, accept contains(null).
    if (values.isEmpty()) {
      return Collections.emptyList();
    }
    if (values.getClass() == SINGLETON_LIST) {
      @SuppressWarnings("unchecked") // immutable and null-checked already when built here
      List<T> same = (List<T>) values;
      if (same.get(0) != null) {
        return same;
      }
    }
    if (values.size() == 1) {
      T only = values.get(0);
      if (only == null) {
        throw new NullPointerException(name + "[0] == null");
      }
      return Collections.singletonList(only);
    }
    List<T> copy = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      T value = values.get(i);
      if (value == null) {
        throw new NullPointerException(name + "[" + i + "] == null");
      }
      copy.add(value);
    }
    return Collections.unmodifiableList(copy);
  }

  /** Copies a list that may hold nulls (e.g. JSON arrays with {@code null} entries). */
  public static <T> List<@Nullable T> nullableList(
      @Nullable List<? extends @Nullable T> values, String name) {
    Checks.notNull(values, name);
    return Collections.unmodifiableList(new ArrayList<@Nullable T>(values));
  }

  /** Copies a map with non-null keys and values, keeping insertion order. */
  public static <K, V> Map<K, V> map(
      @Nullable Map<? extends K, ? extends V> nullableValues, String name) {
    Map<? extends K, ? extends V> values = Checks.notNull(nullableValues, name);
    Map<K, V> copy = new LinkedHashMap<>();
    for (Map.Entry<? extends K, ? extends V> e : values.entrySet()) {
      if (e.getKey() == null) {
        throw new NullPointerException(name + " has a null key");
      }
      if (e.getValue() == null) {
        throw new NullPointerException(name + "[" + e.getKey() + "] == null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Copies a map of provider fields (JSON-like values), keeping insertion order. A JSON {@code
   * null} is kept as a null value, so what the server sent survives the copy.
   */
  public static Map<String, Object> extra(@Nullable Map<String, ?> nullableValues, String name) {
    Map<String, ?> values = Checks.notNull(nullableValues, name);
    if (values.isEmpty()) {
      return Collections.emptyMap(); // the common case: no allocation per response or chunk
    }
    if (values instanceof SmallMap) {
      @SuppressWarnings("unchecked") // immutable: made by this method
      Map<String, Object> same = (Map<String, Object>) values;
      return same;
    }
    if (values.size() <= SmallMap.MAX) {
      return SmallMap.copyOf(values, name);
    }
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      if (e.getKey() == null) {
        throw new NullPointerException(name + " has a null key");
      }
      copy.put(e.getKey(), e.getValue());
    }
    @SuppressWarnings("nullness")
    Map<String, Object> result = Collections.unmodifiableMap(copy);
    return result;
  }
}
