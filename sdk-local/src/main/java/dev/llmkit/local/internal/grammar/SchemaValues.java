package dev.llmkit.local.internal.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks the values of schema keywords for {@link SchemaCompiler} (types, arrays, counts,
 * JSON pointer escapes) and describes a bad value in an error message.
 */
final class SchemaValues {
  private SchemaValues() {}

  static final Set<String> TYPES =
      Set.of("object", "array", "string", "number", "integer", "boolean", "null");

  /** Rejects constraining keywords next to {@code keyword}, which must stand alone. */
  static void only(Map<String, @Nullable Object> s, String path, String keyword) {
    for (String key : s.keySet()) {
      if (!key.equals(keyword) && !SchemaCompiler.ANNOTATIONS.contains(key)) {
        throw new SchemaException(
            path + "/" + escape(key),
            "keyword '"
                + key
                + "' next to '"
                + keyword
                + "' is not supported; move it into the "
                + keyword
                + " target");
      }
    }
  }

  static String typeOf(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) ? "integer" : "number";
    }
    return v instanceof String ? "string" : v instanceof Map ? "object" : "array";
  }

  static List<String> types(@Nullable Object type, String path) {
    List<String> out = new ArrayList<>();
    if (type == null) {
      return out;
    }
    List<?> given = type instanceof List ? (List<?>) type : List.of(type);
    for (Object t : given) {
      if (!(t instanceof String) || !TYPES.contains(t)) {
        throw new SchemaException(path, "type " + describe(t) + " is not one of " + TYPES);
      }
      if (!out.contains(t)) {
        out.add((String) t);
      }
    }
    if (out.isEmpty()) {
      throw new SchemaException(path, "type lists no type");
    }
    return out;
  }

  static List<?> list(@Nullable Object v, String path, int min) {
    if (!(v instanceof List) || ((List<?>) v).size() < min) {
      throw new SchemaException(
          path,
          "must be an array"
              + (min > 0 ? " with at least " + min + " entry" : "")
              + ", not "
              + describe(v));
    }
    return (List<?>) v;
  }

  static int count(Map<String, @Nullable Object> s, String key, String path, int absent) {
    if (!s.containsKey(key)) {
      return absent;
    }
    Object v = s.get(key);
    if (!(v instanceof Number)
        || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())
        || ((Number) v).doubleValue() < 0
        || ((Number) v).doubleValue() > 100_000) {
      throw new SchemaException(
          path + "/" + key, key + " must be an integer from 0 to 100000," + " not " + describe(v));
    }
    return ((Number) v).intValue();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String describe(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    return v instanceof String ? "\"" + v + "\"" : v.getClass().getSimpleName() + " " + v;
  }
}
