package dev.llmkit.local.internal.gguf;

import dev.llmkit.ModelLoadException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file, in file order.
 *
 * <p>Value representation: UINT8, INT8, UINT16, INT16 and INT32 are {@link Integer}; UINT32, INT64
 * and UINT64 are {@link Long} (UINT64 above {@code Long.MAX_VALUE} wraps negative); FLOAT32 is
 * {@link Float}, FLOAT64 {@link Double}, BOOL {@link Boolean} and STRING {@link String}. Arrays are
 * primitive Java arrays: {@code int[]} for 8-, 16- and 32-bit signed integers and UINT8/UINT16,
 * {@code long[]} for UINT32/INT64/UINT64, {@code float[]}, {@code double[]}, {@code boolean[]},
 * {@code String[]}, and {@code Object[]} for arrays of arrays. Getters return copies of arrays.
 */
public final class GgufMetadata {
  private final String fileName;
  private final Map<String, Object> values;

  GgufMetadata(String fileName, LinkedHashMap<String, Object> values) {
    this.fileName = fileName;
    this.values = Collections.unmodifiableMap(values);
  }

  /** All keys, in file order. */
  public Set<String> keys() {
    return values.keySet();
  }

  public boolean contains(String key) {
    return values.containsKey(key);
  }

  /**
   * The raw value (see the class comment for types); arrays are returned as stored, do not modify.
   */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value if it is a string. */
  public Optional<String> getString(String key) {
    Object v = values.get(key);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  /** The string value; ModelLoadException if the key is absent or not a string. */
  public String requireString(String key) {
    Object v = values.get(key);
    if (v instanceof String) {
      return (String) v;
    }
    throw new ModelLoadException(
        "local",
        fileName
            + ": metadata key '"
            + key
            + "' "
            + (v == null ? "is missing" : "is not a string but " + describe(v)));
  }

  /** An integer value of any integer type that fits an int, else the default. */
  public int getInt(String key, int defaultValue) {
    Object v = values.get(key);
    if ((v instanceof Integer || v instanceof Long)
        && ((Number) v).longValue() == ((Number) v).intValue()) {
      return ((Number) v).intValue();
    }
    return defaultValue;
  }

  /** An integer value of any integer type, else the default. */
  public long getLong(String key, long defaultValue) {
    Object v = values.get(key);
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    return defaultValue;
  }

  /** A FLOAT32/FLOAT64 value (or an integer value) as float, else the default. */
  public float getFloat(String key, float defaultValue) {
    Object v = values.get(key);
    if (v instanceof Number) {
      return ((Number) v).floatValue();
    }
    return defaultValue;
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = values.get(key);
    return v instanceof Boolean ? (Boolean) v : defaultValue;
  }

  /** A copy of a string array. */
  public Optional<String[]> getStringArray(String key) {
    Object v = values.get(key);
    return v instanceof String[] ? Optional.of(((String[]) v).clone()) : Optional.empty();
  }

  /** A copy of a FLOAT32 (or FLOAT64, narrowed) array. */
  public Optional<float[]> getFloatArray(String key) {
    Object v = values.get(key);
    if (v instanceof float[]) {
      return Optional.of(((float[]) v).clone());
    }
    if (v instanceof double[]) {
      double[] d = (double[]) v;
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }

  /** A copy of an integer array of any integer type whose values all fit an int. */
  public Optional<int[]> getIntArray(String key) {
    Object v = values.get(key);
    if (v instanceof int[]) {
      return Optional.of(((int[]) v).clone());
    }
    if (v instanceof long[]) {
      long[] l = (long[]) v;
      int[] r = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        if (l[i] != (int) l[i]) {
          return Optional.empty();
        }
        r[i] = (int) l[i];
      }
      return Optional.of(r);
    }
    return Optional.empty();
  }

  private static String describe(Object v) {
    return v.getClass().isArray() ? "an array" : v.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "GgufMetadata[" + values.size() + " keys]";
  }
}
