package dev.llmkit.training.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Helpers for the plain-Java JSON values produced by {@link JsonTree}. */
final class Json {
  private Json() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  static @Nullable Map<String, Object> objectOrNull(@Nullable Object value) {
    return value instanceof Map<?, ?> m ? object(m) : null;
  }

  /** The JSON type name of {@code value}. */
  static String typeOf(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value.getClass().getSimpleName();
  }

  /** Numbers, booleans and null as written; other values by type only (they may hold text). */
  static String describe(@Nullable Object value) {
    return value instanceof Number || value instanceof Boolean || value == null
        ? String.valueOf(value)
        : typeOf(value);
  }

  /** Keys and roles are echoed in messages; long ones are cut. */
  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
