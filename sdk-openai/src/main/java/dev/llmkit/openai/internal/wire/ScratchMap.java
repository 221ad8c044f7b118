package dev.llmkit.openai.internal.wire;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A reusable insertion-ordered map in two arrays for {@link ChunkFastPath}'s per-chunk {@code
 * extra} fields: {@link #clear} keeps the arrays and {@link #forEach} walks them without
 * allocating, so handing it to a builder that copies it costs no entry objects. Not thread-safe;
 * never handed out except to be copied.
 */
final class ScratchMap extends AbstractMap<String, @Nullable Object> {
  private String[] keys = new String[8];
  private @Nullable Object[] values = new Object[8];
  private int size;

  @Override
  public @Nullable Object put(String key, @Nullable Object value) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        Object old = values[i];
        values[i] = value; // a repeated key keeps its place, as in LinkedHashMap
        return old;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    return null;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void clear() {
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, @Nullable Object> next() {
            if (next >= size) {
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
