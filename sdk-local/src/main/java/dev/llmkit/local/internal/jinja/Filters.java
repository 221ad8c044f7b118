package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Values.Generator;
import dev.llmkit.local.internal.jinja.Values.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** jinja2's built-in filters that chat templates use, plus transformers' {@code tojson}. */
final class Filters {
  private static final Set<String> NAMES =
      Set.of(
          "default",
          "d",
          "length",
          "count",
          "trim",
          "tojson",
          "upper",
          "lower",
          "title",
          "capitalize",
          "replace",
          "join",
          "first",
          "last",
          "list",
          "string",
          "int",
          "float",
          "abs",
          "items",
          "dictsort",
          "selectattr",
          "rejectattr",
          "select",
          "reject",
          "map",
          "indent",
          "safe",
          "escape",
          "e",
          "unique",
          "reverse",
          "sort",
          "round",
          "sum",
          "min",
          "max",
          "wordcount",
          "center",
          "attr",
          "batch");
  private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");

  private Filters() {}

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  static @Nullable Object apply(
      String name,
      @Nullable Object v,
      List<@Nullable Object> args,
      Map<String, @Nullable Object> kw,
      Scope scope) {
    switch (name) {
      case "default":
      case "d":
        {
          boolean bool = Py.truthy(arg(args, kw, 1, "boolean", false));
          boolean missing = v instanceof Undefined || (bool && !Py.truthy(v));
          return missing ? arg(args, kw, 0, "default_value", "") : v;
        }
      case "length":
      case "count":
        return Py.length(v);
      case "trim":
        {
          Object chars = arg(args, kw, 0, "chars", null);
          return StrMethods.strip(Py.str(v), chars == null ? null : Py.str(chars), true, true);
        }
      case "tojson":
        return new PyJson(
                arg(args, kw, 1, "indent", null),
                arg(args, kw, 2, "separators", null),
                Py.truthy(arg(args, kw, 3, "sort_keys", false)))
            .dumps(v);
      case "upper":
        return Py.str(v).toUpperCase(java.util.Locale.ROOT);
      case "lower":
        return Py.str(v).toLowerCase(java.util.Locale.ROOT);
      case "capitalize":
        return StrMethods.call(Py.str(v), "capitalize", List.of(), Map.of());
      case "title":
        return title(Py.str(v));
      case "replace":
        {
          Object count = arg(args, kw, 2, "count", null);
          return StrMethods.replace(
              Py.str(v),
              Py.str(args.get(0)),
              Py.str(args.get(1)),
              count == null ? -1 : Py.asLong(count));
        }
      case "join":
        {
          String sep = Py.str(arg(args, kw, 0, "d", ""));
          Object attribute = arg(args, kw, 1, "attribute", null);
          StringBuilder sb = new StringBuilder();
          boolean first = true;
          for (Object o : Py.iterate(v)) {
            sb.append(first ? "" : sep).append(Py.str(attribute == null ? o : path(o, attribute)));
            first = false;
          }
          return sb.toString();
        }
      case "first":
        {
          List<@Nullable Object> items = Py.iterate(v);
          return items.isEmpty()
              ? new Undefined("No first item, sequence was empty.")
              : items.get(0);
        }
      case "last":
        {
          List<@Nullable Object> items = Py.iterate(v);
          return items.isEmpty()
              ? new Undefined("No last item, sequence was empty.")
              : items.get(items.size() - 1);
        }
      case "list":
        return Py.iterate(v);
      case "string":
        return Py.str(v);
      case "int":
        return toInt(v, arg(args, kw, 0, "default", 0L));
      case "float":
        return toFloat(v, arg(args, kw, 0, "default", 0.0));
      case "abs":
        return Py.isInt(v) ? (Object) Math.abs(Py.asLong(v)) : Math.abs(Py.asDouble(v));
      case "items":
        {
          if (v instanceof Undefined) {
            return List.of();
          }
          if (!(v instanceof Map)) {
            throw JinjaException.type("Can only get item pairs from a mapping.");
          }
          Values.Callable items =
              (Values.Callable) Objects.requireNonNull(Ops.getAttr(v, "items"), "dict.items");
          return new Generator(Py.iterate(items.call(List.of(), Map.of())));
        }
      case "dictsort":
        return dictsort(v, args, kw);
      case "selectattr":
      case "rejectattr":
      case "select":
      case "reject":
        return select(name, v, args, scope);
      case "map":
        return map(v, args, kw, scope);
      case "indent":
        return indent(
            Py.str(v),
            arg(args, kw, 0, "width", 4L),
            Py.truthy(arg(args, kw, 1, "first", false)),
            Py.truthy(arg(args, kw, 2, "blank", false)));
      case "safe":
        return new Values.Markup(Py.str(v));
      case "escape":
      case "e":
        return new Values.Markup(Values.Markup.escape(v));
      case "unique":
        {
          List<@Nullable Object> out = new ArrayList<>();
          for (Object o : Py.iterate(v)) {
            if (!Py.contains(out, o)) {
              out.add(o);
            }
          }
          return new Generator(out);
        }
      case "reverse":
        {
          if (v instanceof String) {
            return new StringBuilder((String) v).reverse().toString();
          }
          List<@Nullable Object> out = Py.iterate(v);
          Collections.reverse(out);
          return new Generator(out);
        }
      case "sort":
        {
          List<@Nullable Object> out = Py.iterate(v);
          Object attribute = arg(args, kw, 2, "attribute", null);
          Comparator<@Nullable Object> c =
              (a, b) ->
                  Py.compare(
                      attribute == null ? a : path(a, attribute),
                      attribute == null ? b : path(b, attribute),
                      "<");
          out.sort(Py.truthy(arg(args, kw, 0, "reverse", false)) ? c.reversed() : c);
          return out;
        }
      case "round":
        {
          double d = Py.asDouble(v);
          long precision = Py.asLong(arg(args, kw, 0, "precision", 0L));
          double scale = Math.pow(10, precision);
          return Math.round(d * scale) / scale;
        }
      case "sum":
        {
          Object total = arg(args, kw, 1, "start", 0L);
          for (Object o : Py.iterate(v)) {
            total = Ops.binary("+", total, o);
          }
          return total;
        }
      case "min":
      case "max":
        {
          List<@Nullable Object> items = Py.iterate(v);
          if (items.isEmpty()) {
            return new Undefined("No aggregated item, sequence was empty.");
          }
          Object best = items.get(0);
          for (Object o : items) {
            int c = Py.compare(o, best, "<");
            best = (name.equals("min") ? c < 0 : c > 0) ? o : best;
          }
          return best;
        }
      case "wordcount":
        return (long) StrMethods.split(Py.str(v), null, -1).size();
      case "center":
        return StrMethods.call(
            Py.str(v), "center", List.of(arg(args, kw, 0, "width", 80L)), Map.of());
      case "attr":
        return Ops.getAttr(v, Py.str(args.get(0)));
      default:
        return batch(v, args, kw);
    }
  }

  private static Object fail(String filter, @Nullable Object v) {
    throw JinjaException.type("filter '" + filter + "' cannot be applied to " + Py.typeName(v));
  }

  static @Nullable Object arg(
      List<@Nullable Object> args,
      Map<String, @Nullable Object> kw,
      int index,
      String name,
      @Nullable Object dflt) {
    if (index < args.size()) {
      return args.get(index);
    }
    return kw.containsKey(name) ? kw.get(name) : dflt;
  }

  /** jinja2's attribute lookup for filters: {@code "a.b"} or an index, item access first. */
  private static @Nullable Object path(@Nullable Object item, @Nullable Object attribute) {
    if (!(attribute instanceof String)) {
      return Ops.getItem(item, attribute);
    }
    Object v = item;
    for (String part : ((String) attribute).split("\\.")) {
      v =
          part.chars().allMatch(c -> c >= '0' && c <= '9') && !part.isEmpty() && part.length() < 19
              ? Ops.getItem(v, Long.parseLong(part))
              : Ops.getItem(v, part);
    }
    return v;
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder();
    java.util.regex.Matcher m = WORD_BEGINNING.matcher(s);
    int last = 0;
    List<String> parts = new ArrayList<>();
    while (m.find()) {
      parts.add(s.substring(last, m.start()));
      parts.add(m.group());
      last = m.end();
    }
    parts.add(s.substring(last));
    for (String item : parts) {
      if (!item.isEmpty()) {
        sb.append(item.substring(0, 1).toUpperCase(java.util.Locale.ROOT))
            .append(item.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static @Nullable Object toInt(@Nullable Object v, @Nullable Object dflt) {
    if (Py.isInt(v)) {
      return Py.asLong(v);
    } else if (Py.isNumber(v)) {
      return (long) Py.asDouble(v);
    }
    try {
      return Long.parseLong(Py.str(v).strip().replace("_", ""));
    } catch (NumberFormatException e) {
      try {
        return (long) Double.parseDouble(Py.str(v).strip());
      } catch (NumberFormatException e2) {
        return dflt;
      }
    }
  }

  private static @Nullable Object toFloat(@Nullable Object v, @Nullable Object dflt) {
    if (Py.isNumber(v)) {
      return Py.asDouble(v);
    }
    try {
      return Double.parseDouble(Py.str(v).strip());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static Object dictsort(
      @Nullable Object v, List<@Nullable Object> args, Map<String, @Nullable Object> kw) {
    if (!(v instanceof Map)) {
      return fail("dictsort", v);
    }
    boolean caseSensitive = Py.truthy(arg(args, kw, 0, "case_sensitive", false));
    int by = "value".equals(arg(args, kw, 1, "by", "key")) ? 1 : 0;
    List<@Nullable Object> items =
        Py.iterate(
            Ops.getAttr(v, "items") instanceof Values.Callable c
                ? c.call(List.of(), Map.of())
                : List.of());
    items.sort(
        (a, b) -> {
          Object x = ((List<?>) a).get(by);
          Object y = ((List<?>) b).get(by);
          if (!caseSensitive && x instanceof String && y instanceof String) {
            x = ((String) x).toLowerCase(java.util.Locale.ROOT);
            y = ((String) y).toLowerCase(java.util.Locale.ROOT);
          }
          return Py.compare(x, y, "<");
        });
    if (Py.truthy(arg(args, kw, 2, "reverse", false))) {
      Collections.reverse(items);
    }
    return items;
  }

  /** select / reject (by a test on the item) and selectattr / rejectattr (on an attribute). */
  private static Object select(
      String name, @Nullable Object v, List<@Nullable Object> args, Scope scope) {
    if (!Py.truthy(v)) { // jinja2 checks "if value:" before iterating
      return new Generator(new ArrayList<>());
    }
    boolean byAttribute = name.endsWith("attr");
    boolean keep = name.startsWith("select");
    int testAt = byAttribute ? 1 : 0;
    String test = args.size() > testAt ? Py.str(args.get(testAt)) : null;
    if (test != null && !Tests.exists(test)) {
      throw JinjaException.unsupported("no test named '" + test + "'");
    }
    List<@Nullable Object> testArgs =
        args.size() > testAt + 1 ? args.subList(testAt + 1, args.size()) : List.of();
    List<@Nullable Object> out = new ArrayList<>();
    for (Object item : Py.iterate(v)) {
      Object subject = byAttribute ? path(item, args.get(0)) : item;
      boolean pass =
          test == null ? Py.truthy(subject) : Tests.apply(test, subject, testArgs, scope);
      if (pass == keep) {
        out.add(item);
      }
    }
    return new Generator(out);
  }

  private static Object map(
      @Nullable Object v,
      List<@Nullable Object> args,
      Map<String, @Nullable Object> kw,
      Scope scope) {
    List<@Nullable Object> out = new ArrayList<>();
    if (!Py.truthy(v)) { // jinja2 checks "if value:" before iterating
      return new Generator(out);
    }
    if (kw.containsKey("attribute")) {
      Object attribute = kw.get("attribute");
      for (Object item : Py.iterate(v)) {
        Object x = path(item, attribute);
        out.add(x instanceof Undefined && kw.containsKey("default") ? kw.get("default") : x);
      }
      return new Generator(out);
    }
    if (args.isEmpty()) {
      throw JinjaException.type("map requires a filter argument");
    }
    String filter = Py.str(args.get(0));
    if (!exists(filter)) {
      throw JinjaException.unsupported("no filter named '" + filter + "'");
    }
    Map<String, @Nullable Object> rest = new LinkedHashMap<>(kw);
    for (Object item : Py.iterate(v)) {
      out.add(apply(filter, item, args.subList(1, args.size()), rest, scope));
    }
    return new Generator(out);
  }

  /** jinja2's do_indent, including its quirk of appending a newline before splitting. */
  private static String indent(String s, @Nullable Object width, boolean first, boolean blank) {
    String indention =
        width instanceof String ? (String) width : Limits.repeat(" ", Py.asLong(width));
    List<@Nullable Object> lines =
        StrMethods.call(s + "\n", "splitlines", List.of(), Map.of()) instanceof List<?> l
            ? new ArrayList<>(l)
            : new ArrayList<>();
    StringBuilder rv = new StringBuilder();
    if (blank) {
      for (int i = 0; i < lines.size(); i++) {
        rv.append(i > 0 ? "\n" + indention : "").append(lines.get(i));
      }
    } else {
      rv.append(lines.isEmpty() ? "" : lines.remove(0));
      for (Object line : lines) {
        String text = (String) Objects.requireNonNull(line, "split lines are never null");
        rv.append('\n').append(text.isEmpty() ? text : indention + text);
      }
    }
    return first ? indention + rv : rv.toString();
  }

  private static Object batch(
      @Nullable Object v, List<@Nullable Object> args, Map<String, @Nullable Object> kw) {
    int size = (int) Py.asLong(arg(args, kw, 0, "linecount", 1L));
    Object fill = arg(args, kw, 1, "fill_with", null);
    List<@Nullable Object> out = new ArrayList<>();
    List<@Nullable Object> current = new ArrayList<>();
    for (Object o : Py.iterate(v)) {
      current.add(o);
      if (current.size() == size) {
        out.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      while (fill != null && current.size() < size) {
        current.add(fill);
      }
      out.add(current);
    }
    return new Generator(out);
  }
}
