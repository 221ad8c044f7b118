package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Values.Generator;
import dev.llmkit.local.internal.jinja.Values.Undefined;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** jinja2's built-in tests ({@code x is defined}, {@code x is string}...). */
final class Tests {
  private static final Set<String> NAMES =
      Set.of(
          "defined",
          "undefined",
          "none",
          "string",
          "mapping",
          "iterable",
          "sequence",
          "number",
          "integer",
          "float",
          "boolean",
          "true",
          "false",
          "callable",
          "odd",
          "even",
          "divisibleby",
          "eq",
          "equalto",
          "==",
          "ne",
          "!=",
          "lt",
          "<",
          "gt",
          ">",
          "le",
          "<=",
          "ge",
          ">=",
          "in",
          "lower",
          "upper",
          "sameas",
          "escaped");

  private Tests() {}

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  static boolean apply(String name, @Nullable Object v, List<@Nullable Object> args, Scope scope) {
    v = Py.plain(v);
    switch (name) {
      case "defined":
        return !(v instanceof Undefined);
      case "undefined":
        return v instanceof Undefined;
      case "none":
        return v == null;
      case "string":
        return v instanceof String;
      case "mapping":
        return v instanceof Map;
      case "iterable":
        return v instanceof String
            || v instanceof List
            || v instanceof Map
            || v instanceof Generator
            || v instanceof Undefined;
      case "sequence":
        return v instanceof String || v instanceof List || v instanceof Map;
      case "number":
        return Py.isNumber(v);
      case "integer":
        return v instanceof Long || v instanceof Integer;
      case "float":
        return v instanceof Double || v instanceof Float;
      case "boolean":
        return v instanceof Boolean;
      case "true":
        return Boolean.TRUE.equals(v);
      case "false":
        return Boolean.FALSE.equals(v);
      case "callable":
        return v instanceof Values.Callable;
      case "odd":
        return Py.asLong(v) % 2 != 0;
      case "even":
        return Py.asLong(v) % 2 == 0;
      case "divisibleby":
        return Py.asLong(v) % Py.asLong(arg(args, name)) == 0;
      case "lower":
        return Py.str(v).equals(Py.str(v).toLowerCase(java.util.Locale.ROOT));
      case "upper":
        return Py.str(v).equals(Py.str(v).toUpperCase(java.util.Locale.ROOT));
      case "sameas":
        {
          Object o = arg(args, name);
          return v == o || (v instanceof Boolean && v.equals(o));
        }
      case "escaped":
        return false;
      case "eq":
      case "equalto":
      case "==":
        return Expr.Compare.compare("==", v, arg(args, name));
      case "ne":
      case "!=":
        return Expr.Compare.compare("!=", v, arg(args, name));
      case "lt":
      case "<":
        return Expr.Compare.compare("<", v, arg(args, name));
      case "gt":
      case ">":
        return Expr.Compare.compare(">", v, arg(args, name));
      case "le":
      case "<=":
        return Expr.Compare.compare("<=", v, arg(args, name));
      case "ge":
      case ">=":
        return Expr.Compare.compare(">=", v, arg(args, name));
      default:
        return Expr.Compare.compare("in", v, arg(args, name));
    }
  }

  private static @Nullable Object arg(List<@Nullable Object> args, String test) {
    if (args.isEmpty()) {
      throw JinjaException.type("test '" + test + "' needs an argument");
    }
    return args.get(0);
  }
}
