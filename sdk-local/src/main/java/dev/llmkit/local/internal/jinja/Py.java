package dev.llmkit.local.internal.jinja;

import dev.llmkit.local.internal.jinja.Values.Generator;
import dev.llmkit.local.internal.jinja.Values.Namespace;
import dev.llmkit.local.internal.jinja.Values.Undefined;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Python's semantics for the values templates handle: truth, str, repr, equality, arithmetic. */
final class Py {
  private Py() {}

  /** A Markup value as its plain string; anything else unchanged. */
  static @Nullable Object plain(@Nullable Object v) {
    return v instanceof Values.Markup ? ((Values.Markup) v).text() : v;
  }

  static String typeName(@Nullable Object v) {
    if (v == null) {
      return "NoneType";
    } else if (v instanceof String) {
      return "str";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long || v instanceof Integer) {
      return "int";
    } else if (v instanceof Double || v instanceof Float) {
      return "float";
    } else if (v instanceof Values.Tuple) {
      return "tuple";
    } else if (v instanceof List) {
      return "list";
    } else if (v instanceof Map) {
      return "dict";
    } else if (v instanceof Generator) {
      return "generator";
    } else if (v instanceof Namespace) {
      return "Namespace";
    } else if (v instanceof Undefined) {
      return "Undefined";
    } else if (v instanceof Values.Callable) {
      return "function";
    }
    return v.getClass().getSimpleName();
  }

  static boolean truthy(@Nullable Object v) {
    v = plain(v);
    if (v == null || v instanceof Undefined) {
      return false;
    } else if (v instanceof Boolean) {
      return (Boolean) v;
    } else if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue() != 0;
    } else if (v instanceof Number) {
      return ((Number) v).doubleValue() != 0;
    } else if (v instanceof String) {
      return !((String) v).isEmpty();
    } else if (v instanceof List) {
      return !((List<?>) v).isEmpty();
    } else if (v instanceof Map) {
      return !((Map<?, ?>) v).isEmpty();
    }
    return true;
  }

  static boolean isNumber(@Nullable Object v) {
    return v instanceof Long
        || v instanceof Integer
        || v instanceof Double
        || v instanceof Float
        || v instanceof Boolean;
  }

  static boolean isInt(@Nullable Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Boolean;
  }

  static long asLong(@Nullable Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v ? 1 : 0;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw JinjaException.type("'" + typeName(v) + "' object is not a number");
  }

  static double asDouble(@Nullable Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v ? 1 : 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw JinjaException.type("'" + typeName(v) + "' object is not a number");
  }

  /** Python's {@code str()}; Undefined prints as "". */
  static String str(@Nullable Object v) {
    if (v instanceof String) {
      return (String) v;
    } else if (v instanceof Values.Markup) {
      return ((Values.Markup) v).text();
    } else if (v instanceof Undefined) {
      return "";
    } else if (v instanceof Generator) {
      return "<generator object>";
    } else if (v instanceof Namespace) {
      return "<Namespace " + repr(((Namespace) v).attributes()) + ">";
    }
    return repr(v);
  }

  /** Python's {@code repr()}. */
  static String repr(@Nullable Object v) {
    if (v == null) {
      return "None";
    } else if (v instanceof Boolean) {
      return (Boolean) v ? "True" : "False";
    } else if (v instanceof Long || v instanceof Integer) {
      return v.toString();
    } else if (v instanceof Double || v instanceof Float) {
      return floatRepr(((Number) v).doubleValue());
    } else if (v instanceof String) {
      return stringRepr((String) v);
    } else if (v instanceof List) {
      boolean tuple = v instanceof Values.Tuple;
      StringBuilder sb = new StringBuilder(tuple ? "(" : "[");
      for (Object o : (List<?>) v) {
        sb.append(sb.length() > 1 ? ", " : "").append(repr(o));
      }
      return sb.append(tuple ? (((List<?>) v).size() == 1 ? ",)" : ")") : "]").toString();
    } else if (v instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "")
            .append(repr(e.getKey()))
            .append(": ")
            .append(repr(e.getValue()));
      }
      return sb.append('}').toString();
    }
    return str(v);
  }

  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs >= 1e16 || abs < 1e-4)) {
      String s = Double.toString(d); // e.g. 1.0E-5
      int e = s.indexOf('E');
      String mantissa = s.substring(0, e);
      if (mantissa.endsWith(".0")) {
        mantissa = mantissa.substring(0, mantissa.length() - 2);
      }
      int exp = Integer.parseInt(s.substring(e + 1));
      return mantissa
          + "e"
          + (exp < 0 ? "-" : "+")
          + (Math.abs(exp) < 10 ? "0" : "")
          + Math.abs(exp);
    }
    String plain = new BigDecimal(Double.toString(d)).toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  static boolean eq(@Nullable Object a, @Nullable Object b) {
    a = plain(a);
    b = plain(b);
    if (a == b) {
      return true;
    } else if (a == null || b == null) {
      return false;
    } else if (isNumber(a) && isNumber(b)) {
      return isInt(a) && isInt(b) ? asLong(a) == asLong(b) : asDouble(a) == asDouble(b);
    } else if (a instanceof Undefined || b instanceof Undefined) {
      return a instanceof Undefined && b instanceof Undefined;
    } else if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Python's ordering comparisons; TypeError for types that do not order. */
  static int compare(@Nullable Object a, @Nullable Object b, String op) {
    a = plain(a);
    b = plain(b);
    if (isNumber(a) && isNumber(b)) {
      return isInt(a) && isInt(b)
          ? Long.compare(asLong(a), asLong(b))
          : Double.compare(asDouble(a), asDouble(b));
    } else if (a instanceof String && b instanceof String) {
      return Integer.signum(((String) a).compareTo((String) b));
    } else if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i), op);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    throw JinjaException.type(
        "'"
            + op
            + "' not supported between instances of '"
            + typeName(a)
            + "' and '"
            + typeName(b)
            + "'");
  }

  static void checkDefined(@Nullable Object v) {
    if (v instanceof Undefined) {
      throw ((Undefined) v).error();
    }
  }

  /** The items a for loop visits: list items, dict keys, string characters. */
  static List<@Nullable Object> iterate(@Nullable Object v) {
    v = plain(v);
    if (v instanceof List) {
      return new ArrayList<>((List<?>) v);
    } else if (v instanceof Map) {
      return new ArrayList<>(((Map<?, ?>) v).keySet());
    } else if (v instanceof Generator) {
      return ((Generator) v).items();
    } else if (v instanceof String) {
      List<@Nullable Object> chars = new ArrayList<>();
      ((String) v).codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return chars;
    } else if (v instanceof Undefined) {
      return new ArrayList<>();
    }
    throw JinjaException.type("'" + typeName(v) + "' object is not iterable");
  }

  static long length(@Nullable Object v) {
    v = plain(v);
    if (v instanceof String) {
      return ((String) v).codePointCount(0, ((String) v).length());
    } else if (v instanceof List) {
      return ((List<?>) v).size();
    } else if (v instanceof Map) {
      return ((Map<?, ?>) v).size();
    } else if (v instanceof Undefined) {
      return 0;
    }
    throw JinjaException.type("object of type '" + typeName(v) + "' has no len()");
  }

  static boolean contains(@Nullable Object container, @Nullable Object item) {
    container = plain(container);
    item = plain(item);
    if (container instanceof String) {
      if (!(item instanceof String)) {
        throw JinjaException.type(
            "'in <string>' requires string as left operand, not " + typeName(item));
      }
      return ((String) container).contains((String) item);
    } else if (container instanceof Map) {
      for (Object k : ((Map<?, ?>) container).keySet()) {
        if (eq(k, item)) {
          return true;
        }
      }
      return false;
    } else if (container instanceof List
        || container instanceof Generator
        || container instanceof Undefined) {
      for (Iterator<?> it = iterate(container).iterator(); it.hasNext(); ) {
        if (eq(it.next(), item)) {
          return true;
        }
      }
      return false;
    }
    throw JinjaException.type("argument of type '" + typeName(container) + "' is not iterable");
  }

  /** String code points as a list of Integer offsets, for slicing and indexing. */
  static int[] codePoints(String s) {
    return s.codePoints().toArray();
  }
}
