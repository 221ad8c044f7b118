package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False, indent=..., separators=..., sort_keys=...)},
 * the {@code tojson} filter transformers installs (no HTML escaping, unlike jinja2's own).
 */
public final class PyJson {
  private final @Nullable String indent;
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean sortKeys;

  PyJson(@Nullable Object indent, @Nullable Object separators, boolean sortKeys) {
    this.indent =
        indent == null
            ? null
            : indent instanceof String ? (String) indent : Limits.repeat(" ", Py.asLong(indent));
    if (separators != null) {
      List<@Nullable Object> seps = Py.iterate(separators);
      if (seps.size() != 2
          || !(seps.get(0) instanceof String)
          || !(seps.get(1) instanceof String)) {
        throw JinjaException.type("separators must be a pair of strings");
      }
      this.itemSeparator = (String) seps.get(0);
      this.keySeparator = (String) seps.get(1);
    } else {
      this.itemSeparator = this.indent == null ? ", " : ",";
      this.keySeparator = ": ";
    }
    this.sortKeys = sortKeys;
  }

  String dumps(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private void write(@Nullable Object v, StringBuilder sb, int level) {
    v = Py.plain(v);
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean) {
      sb.append((Boolean) v ? "true" : "false");
    } else if (v instanceof Long || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      sb.append(
          Double.isNaN(d)
              ? "NaN"
              : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.floatRepr(d));
    } else if (v instanceof String) {
      quote((String) v, sb);
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        separate(sb, i, level + 1);
        write(list.get(i), sb, level + 1);
      }
      newline(sb, level);
      sb.append(']');
    } else if (v instanceof Map) {
      writeObject((Map<?, ?>) v, sb, level);
    } else {
      throw JinjaException.type("Object of type " + Py.typeName(v) + " is not JSON serializable");
    }
  }

  private void writeObject(Map<?, ?> map, StringBuilder sb, int level) {
    if (map.isEmpty()) {
      sb.append("{}");
      return;
    }
    List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(new java.util.AbstractMap.SimpleEntry<>(key(e.getKey()), e.getValue()));
    }
    if (sortKeys) {
      entries.sort(Map.Entry.comparingByKey());
    }
    sb.append('{');
    for (int i = 0; i < entries.size(); i++) {
      separate(sb, i, level + 1);
      quote(entries.get(i).getKey(), sb);
      sb.append(keySeparator);
      write(entries.get(i).getValue(), sb, level + 1);
    }
    newline(sb, level);
    sb.append('}');
  }

  private static String key(@Nullable Object k) {
    if (k instanceof String) {
      return (String) k;
    } else if (k == null) {
      return "null";
    } else if (k instanceof Boolean) {
      return (Boolean) k ? "true" : "false";
    } else if (Py.isNumber(k)) {
      return Py.repr(k);
    }
    throw JinjaException.type("keys must be str, int, float, bool or None, not " + Py.typeName(k));
  }

  private void separate(StringBuilder sb, int index, int level) {
    if (index > 0) {
      sb.append(itemSeparator);
    }
    newline(sb, level);
  }

  private void newline(StringBuilder sb, int level) {
    if (indent != null) {
      sb.append('\n').append(indent.repeat(level));
    }
  }

  private static void quote(String s, StringBuilder sb) {
    Json.quote(s, sb);
  }
}
