package dev.llmkit.local.internal.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Python's str, dict and list methods that chat templates call ({@code content.strip()}...). */
final class Methods {
  private static final Set<String> STR =
      Set.of(
          "strip",
          "lstrip",
          "rstrip",
          "split",
          "rsplit",
          "startswith",
          "endswith",
          "replace",
          "title",
          "upper",
          "lower",
          "capitalize",
          "find",
          "rfind",
          "index",
          "count",
          "join",
          "isdigit",
          "isalpha",
          "isalnum",
          "isspace",
          "isupper",
          "islower",
          "splitlines",
          "removeprefix",
          "removesuffix",
          "swapcase",
          "center",
          "ljust",
          "rjust",
          "zfill");
  private static final Set<String> DICT = Set.of("items", "keys", "values", "get", "copy");
  private static final Set<String> LIST = Set.of("index", "count", "copy");
  private static final Set<String> MUTATORS =
      Set.of(
          "append",
          "extend",
          "insert",
          "pop",
          "remove",
          "clear",
          "sort",
          "reverse",
          "update",
          "setdefault",
          "popitem");

  private Methods() {}

  /** The bound method {@code obj.name}, or null if obj has no such method. */
  static Values.@Nullable Callable bind(@Nullable Object value, String name) {
    Object obj = Py.plain(value);
    // Typed lambda parameters: NullAway does not see the @Nullable type arguments of
    // Callable's parameters on implicitly typed ones.
    if (obj instanceof String s && STR.contains(name)) {
      return (List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) ->
          StrMethods.call(s, name, args, kwargs);
    } else if (obj instanceof Map<?, ?> map && DICT.contains(name)) {
      return (List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) ->
          dict(map, name, args);
    } else if (obj instanceof List<?> items && LIST.contains(name)) {
      return (List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) ->
          list(items, name, args);
    } else if ((obj instanceof Map || obj instanceof List) && MUTATORS.contains(name)) {
      return (args, kwargs) -> {
        throw JinjaException.type(
            "access to attribute '"
                + name
                + "' of '"
                + Py.typeName(obj)
                + "' object is unsafe (the template environment is immutable)");
      };
    }
    return null;
  }

  private static @Nullable Object dict(Map<?, ?> map, String name, List<@Nullable Object> args) {
    switch (name) {
      case "items":
        {
          List<@Nullable Object> out = new ArrayList<>();
          for (Map.Entry<?, ?> e : map.entrySet()) {
            out.add(new Values.Tuple(java.util.Arrays.asList(e.getKey(), e.getValue())));
          }
          return out;
        }
      case "keys":
        return new ArrayList<@Nullable Object>(map.keySet());
      case "values":
        return new ArrayList<@Nullable Object>(map.values());
      case "copy":
        return new java.util.LinkedHashMap<>(map);
      default:
        {
          Object key = arg(args, 0, "get");
          for (Map.Entry<?, ?> e : map.entrySet()) {
            if (Py.eq(e.getKey(), key)) {
              return e.getValue();
            }
          }
          return args.size() > 1 ? args.get(1) : null;
        }
    }
  }

  private static @Nullable Object list(List<?> list, String name, List<@Nullable Object> args) {
    if (name.equals("copy")) {
      return new ArrayList<@Nullable Object>(list);
    }
    Object x = arg(args, 0, name);
    long count = 0;
    for (int i = 0; i < list.size(); i++) {
      if (Py.eq(list.get(i), x)) {
        if (name.equals("index")) {
          return (long) i;
        }
        count++;
      }
    }
    if (name.equals("index")) {
      throw new JinjaException(JinjaException.Kind.VALUE, Py.repr(x) + " is not in list");
    }
    return count;
  }

  static @Nullable Object arg(List<@Nullable Object> args, int i, String method) {
    if (args.size() <= i) {
      throw JinjaException.type(method + "() takes at least " + (i + 1) + " argument(s)");
    }
    return args.get(i);
  }
}
