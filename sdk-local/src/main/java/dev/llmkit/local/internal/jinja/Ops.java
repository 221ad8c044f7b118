package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Values.Namespace;
import dev.llmkit.local.internal.jinja.Values.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Operators, attribute and item access with jinja2's rules on top of Python's. */
final class Ops {
  private Ops() {}

  static @Nullable Object binary(String op, @Nullable Object a, @Nullable Object b) {
    Py.checkDefined(a);
    Py.checkDefined(b);
    if (op.equals("+")
        && (a instanceof Values.Markup || b instanceof Values.Markup)
        && (a instanceof Values.Markup || a instanceof String)
        && (b instanceof Values.Markup || b instanceof String)) {
      return new Values.Markup(Values.Markup.escape(a) + Values.Markup.escape(b));
    }
    a = Py.plain(a);
    b = Py.plain(b);
    switch (op) {
      case "+":
        if (a instanceof String && b instanceof String) {
          return Limits.concat((String) a, (String) b);
        } else if (a instanceof List && b instanceof List) {
          Limits.items((long) ((List<?>) a).size() + ((List<?>) b).size());
          List<@Nullable Object> out = new ArrayList<>((List<?>) a);
          out.addAll((List<?>) b);
          return out;
        } else if (a instanceof String) {
          throw JinjaException.type(
              "can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
        }
        return arithmetic(op, a, b);
      case "*":
        if (a instanceof String s && Py.isInt(b)) {
          return Limits.repeat(s, Py.asLong(b));
        } else if (b instanceof String s && Py.isInt(a)) {
          return Limits.repeat(s, Py.asLong(a));
        } else if (a instanceof List && Py.isInt(b)) {
          long times = Py.asLong(b);
          Limits.items(
              times > Limits.MAX_ITEMS ? times : ((List<?>) a).size() * Math.max(0, times));
          List<@Nullable Object> out = new ArrayList<>();
          for (long i = 0; i < Py.asLong(b); i++) {
            out.addAll((List<?>) a);
          }
          return out;
        }
        return arithmetic(op, a, b);
      case "%":
        if (a instanceof String) {
          throw JinjaException.unsupported("printf-style formatting with '%' is not supported");
        }
        return arithmetic(op, a, b);
      default:
        return arithmetic(op, a, b);
    }
  }

  private static Object arithmetic(String op, @Nullable Object a, @Nullable Object b) {
    if (!Py.isNumber(a) || !Py.isNumber(b)) {
      throw JinjaException.type(
          "unsupported operand type(s) for "
              + op
              + ": '"
              + Py.typeName(a)
              + "' and '"
              + Py.typeName(b)
              + "'");
    }
    boolean ints = Py.isInt(a) && Py.isInt(b);
    if ((op.equals("/") || op.equals("//") || op.equals("%")) && Py.asDouble(b) == 0) {
      throw new JinjaException(JinjaException.Kind.VALUE, "division by zero");
    }
    if (ints) {
      long x = Py.asLong(a);
      long y = Py.asLong(b);
      switch (op) {
        case "+":
          return x + y;
        case "-":
          return x - y;
        case "*":
          return x * y;
        case "/":
          return (double) x / y;
        case "//":
          return Math.floorDiv(x, y);
        case "%":
          return Math.floorMod(x, y);
        case "**":
          return y >= 0 ? (Object) (long) Math.pow(x, y) : Math.pow(x, y);
        default:
          break;
      }
    }
    double x = Py.asDouble(a);
    double y = Py.asDouble(b);
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        return x / y;
      case "//":
        return Math.floor(x / y);
      case "%":
        return x - Math.floor(x / y) * y;
      case "**":
        return Math.pow(x, y);
      default:
        throw JinjaException.unsupported("operator " + op);
    }
  }

  static Object negate(@Nullable Object v) {
    Py.checkDefined(v);
    if (Py.isInt(v)) {
      return -Py.asLong(v);
    } else if (Py.isNumber(v)) {
      return -Py.asDouble(v);
    }
    throw JinjaException.type("bad operand type for unary -: '" + Py.typeName(v) + "'");
  }

  /** {@code obj.name}: Python attribute (methods) first, then item. */
  static @Nullable Object getAttr(@Nullable Object obj, String name) {
    Py.checkDefined(obj);
    obj = Py.plain(obj);
    if (obj instanceof Namespace) {
      Map<String, @Nullable Object> attrs = ((Namespace) obj).attributes();
      return attrs.containsKey(name) ? attrs.get(name) : Values.noAttribute(obj, name);
    } else if (obj instanceof Loop) {
      return ((Loop) obj).attribute(name);
    }
    Object method = Methods.bind(obj, name);
    if (method != null) {
      return method;
    }
    if (obj instanceof Map && ((Map<?, ?>) obj).containsKey(name)) {
      return ((Map<?, ?>) obj).get(name);
    }
    return Values.noAttribute(obj, name);
  }

  /** {@code obj[key]}: item first, then (for string keys) attribute. */
  static @Nullable Object getItem(@Nullable Object obj, @Nullable Object key) {
    Py.checkDefined(obj);
    obj = Py.plain(obj);
    key = Py.plain(key);
    if (obj instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) obj;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (Py.eq(e.getKey(), key)) {
          return e.getValue();
        }
      }
    } else if ((obj instanceof List || obj instanceof String) && Py.isInt(key)) {
      int[] cps = obj instanceof String str ? Py.codePoints(str) : null;
      List<?> list = obj instanceof List<?> l ? l : List.of();
      int size = cps != null ? cps.length : list.size();
      long i = Py.asLong(key);
      long at = i < 0 ? i + size : i;
      if (at >= 0 && at < size) {
        return cps != null ? new String(cps, (int) at, 1) : list.get((int) at);
      }
      return new Undefined("'" + Py.typeName(obj) + " object' has no element " + i);
    }
    if (key instanceof String) {
      return getAttr(obj, (String) key);
    }
    return Values.noAttribute(obj, Py.str(key));
  }

  /** Python slicing of lists and strings. */
  static @Nullable Object slice(
      @Nullable Object obj, @Nullable Object start, @Nullable Object stop, @Nullable Object step) {
    Py.checkDefined(obj);
    obj = Py.plain(obj);
    boolean isString = obj instanceof String;
    if (!isString && !(obj instanceof List)) {
      throw JinjaException.type("'" + Py.typeName(obj) + "' object is not subscriptable");
    }
    int[] cps = obj instanceof String str ? Py.codePoints(str) : null;
    List<?> list = obj instanceof List<?> l ? l : List.of();
    int size = cps != null ? cps.length : list.size();
    long st = step == null ? 1 : Py.asLong(step);
    if (st == 0) {
      throw new JinjaException(JinjaException.Kind.VALUE, "slice step cannot be zero");
    }
    long lo;
    long hi;
    if (st > 0) {
      lo = bound(start, size, 0, 0, size);
      hi = bound(stop, size, size, 0, size);
    } else {
      lo = bound(start, size, size - 1, -1, size - 1);
      hi = bound(stop, size, -1, -1, size - 1);
    }
    List<@Nullable Object> items = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
      if (cps != null) {
        sb.appendCodePoint(cps[(int) i]);
      } else {
        items.add(list.get((int) i));
      }
    }
    return cps != null ? sb.toString() : items;
  }

  private static long bound(@Nullable Object v, int size, long dflt, long min, long max) {
    if (v == null) {
      return dflt;
    }
    long i = Py.asLong(v);
    if (i < 0) {
      i += size;
    }
    return Math.max(min, Math.min(max, i));
  }
}
