package dev.llmkit.local.internal.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The writing half of {@link Json}. */
final class JsonWriter {
  private static final int MAX_DEPTH = Json.MAX_DEPTH;

  private JsonWriter() {}

  /**
   * Writes compact JSON with {@code ", "} and {@code ": "} separators (Python {@code json.dumps}
   * style).
   */
  static String write(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  /**
   * Writes JSON indented by {@code indent} spaces per level, like Python's {@code json.dumps(value,
   * indent=indent)} (and Jinja's {@code tojson(indent=...)}).
   */
  static String writePretty(@Nullable Object value, int indent) {
    if (indent < 0) {
      throw new IllegalArgumentException("indent must be >= 0, got " + indent);
    }
    StringBuilder sb = new StringBuilder();
    writePretty(value, sb, indent, 0);
    return sb.toString();
  }

  private static void writePretty(@Nullable Object value, StringBuilder sb, int indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
    }
    boolean isMap = value instanceof Map && !((Map<?, ?>) value).isEmpty();
    boolean isList = value instanceof List && !((List<?>) value).isEmpty();
    if (!isMap && !isList) {
      write(value, sb, depth);
      return;
    }
    String inner = "\n" + " ".repeat(indent * (depth + 1));
    sb.append(isMap ? '{' : '[');
    boolean first = true;
    if (isMap) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) Objects.requireNonNull(value)).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        sb.append(first ? "" : ",").append(inner);
        first = false;
        quote((String) e.getKey(), sb);
        sb.append(": ");
        writePretty(e.getValue(), sb, indent, depth + 1);
      }
    } else {
      for (Object item : (List<?>) Objects.requireNonNull(value)) {
        sb.append(first ? "" : ",").append(inner);
        first = false;
        writePretty(item, sb, indent, depth + 1);
      }
    }
    sb.append('\n').append(" ".repeat(indent * depth)).append(isMap ? '}' : ']');
  }

  private static void write(@Nullable Object value, StringBuilder sb, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
    }
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      quote((String) value, sb);
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Number) {
      writeNumber((Number) value, sb);
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        sb.append(first ? "" : ", ");
        first = false;
        quote((String) e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else if (value instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        sb.append(first ? "" : ", ");
        first = false;
        write(item, sb, depth + 1);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeNumber(Number n, StringBuilder sb) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no representation for " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d).append(".0");
      } else {
        sb.append(d);
      }
    } else if (n instanceof BigDecimal) {
      sb.append(((BigDecimal) n).toString());
    } else {
      sb.append(n.toString());
    }
  }

  /**
   * Appends {@code s} as a JSON string literal, as Python's {@code json.dumps(ensure_ascii=False)}
   * does: quote, backslash and control characters escaped, everything else (non-ASCII, lone
   * surrogates) kept as is.
   */
  static void quote(String s, StringBuilder sb) {
    quote(s, sb, false);
  }

  /**
   * Appends {@code s} as a JSON string literal; with {@code escapeLoneSurrogates} an unpaired
   * surrogate becomes a six-character hex escape, so the text survives encoding to UTF-8.
   */
  static void quote(String s, StringBuilder sb, boolean escapeLoneSurrogates) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || escapeLoneSurrogates && Character.isSurrogate(c) && !pairedAt(s, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
