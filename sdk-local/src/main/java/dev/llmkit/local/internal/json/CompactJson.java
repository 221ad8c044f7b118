package dev.llmkit.local.internal.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON without any whitespace, numbers in plain decimal notation: the exact text a
 * structured-output grammar expects for schema constants and object keys.
 */
public final class CompactJson {
  private CompactJson() {}

  /** {@code s} as a JSON string literal; unpaired surrogates are escaped. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    JsonWriter.quote(s, b, true);
    return b.toString();
  }

  /** {@code value} as JSON; throws IllegalArgumentException for what JSON cannot hold. */
  public static String write(@Nullable Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b);
    return b.toString();
  }

  private static void write(@Nullable Object v, StringBuilder b) {
    if (v == null || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof String) {
      b.append(quote((String) v));
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("non-finite number " + d);
      }
      b.append(
          d == Math.rint(d) && Math.abs(d) < 1e15
              ? Long.toString((long) d)
              : BigDecimal.valueOf(d).toString());
    } else if (v instanceof Number) {
      b.append(new BigDecimal(v.toString()).toString());
    } else if (v instanceof Map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        b.append(first ? "" : ",").append(quote(String.valueOf(e.getKey()))).append(':');
        write(e.getValue(), b);
        first = false;
      }
      b.append('}');
    } else if (v instanceof List) {
      b.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        b.append(first ? "" : ",");
        write(o, b);
        first = false;
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getSimpleName());
    }
  }
}
