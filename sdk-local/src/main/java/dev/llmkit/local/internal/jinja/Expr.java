package dev.llmkit.local.internal.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Expression nodes. */
abstract class Expr {
  abstract @Nullable Object eval(Scope scope);

  static final class Literal extends Expr {
    private final @Nullable Object value;

    Literal(@Nullable Object value) {
      this.value = value;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return value;
    }
  }

  static final class Name extends Expr {
    final String name;

    Name(String name) {
      this.name = name;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return scope.lookup(name);
    }
  }

  static final class GetAttr extends Expr {
    final Expr target;
    final String name;

    GetAttr(Expr target, String name) {
      this.target = target;
      this.name = name;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return Ops.getAttr(target.eval(scope), name);
    }
  }

  static final class GetItem extends Expr {
    private final Expr target;
    private final Expr key;

    GetItem(Expr target, Expr key) {
      this.target = target;
      this.key = key;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return Ops.getItem(target.eval(scope), key.eval(scope));
    }
  }

  static final class Slice extends Expr {
    private final Expr target;
    private final @Nullable Expr start;
    private final @Nullable Expr stop;
    private final @Nullable Expr step;

    Slice(Expr target, @Nullable Expr start, @Nullable Expr stop, @Nullable Expr step) {
      this.target = target;
      this.start = start;
      this.stop = stop;
      this.step = step;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return Ops.slice(target.eval(scope), opt(start, scope), opt(stop, scope), opt(step, scope));
    }

    private static @Nullable Object opt(@Nullable Expr e, Scope scope) {
      return e == null ? null : e.eval(scope);
    }
  }

  /** Positional and keyword arguments of a call, filter or test. */
  static final class Args {
    final List<Expr> positional;
    final Map<String, Expr> keywords;

    Args(List<Expr> positional, Map<String, Expr> keywords) {
      this.positional = positional;
      this.keywords = keywords;
    }

    static Args none() {
      return new Args(List.of(), Map.of());
    }

    List<@Nullable Object> values(Scope scope) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Expr e : positional) {
        out.add(e.eval(scope));
      }
      return out;
    }

    Map<String, @Nullable Object> keywordValues(Scope scope) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Expr> e : keywords.entrySet()) {
        out.put(e.getKey(), e.getValue().eval(scope));
      }
      return out;
    }
  }

  static final class Call extends Expr {
    private final Expr target;
    private final Args args;

    Call(Expr target, Args args) {
      this.target = target;
      this.args = args;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      Object f = target.eval(scope);
      Py.checkDefined(f);
      if (!(f instanceof Values.Callable)) {
        throw JinjaException.type("'" + Py.typeName(f) + "' object is not callable");
      }
      return ((Values.Callable) f).call(args.values(scope), args.keywordValues(scope));
    }
  }

  static final class Filter extends Expr {
    final @Nullable Expr input;
    final String name;
    final Args args;

    Filter(@Nullable Expr input, String name, Args args) {
      this.input = input;
      this.name = name;
      this.args = args;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return apply(input == null ? null : input.eval(scope), scope);
    }

    @Nullable Object apply(@Nullable Object value, Scope scope) {
      return Filters.apply(name, value, args.values(scope), args.keywordValues(scope), scope);
    }
  }

  static final class Test extends Expr {
    private final Expr input;
    private final String name;
    private final Args args;
    private final boolean negated;

    Test(Expr input, String name, Args args, boolean negated) {
      this.input = input;
      this.name = name;
      this.args = args;
      this.negated = negated;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      return negated != Tests.apply(name, input.eval(scope), args.values(scope), scope);
    }
  }

  static final class Unary extends Expr {
    private final String op;
    private final Expr operand;

    Unary(String op, Expr operand) {
      this.op = op;
      this.operand = operand;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      Object v = operand.eval(scope);
      switch (op) {
        case "not":
          return !Py.truthy(v);
        case "-":
          return Ops.negate(v);
        default:
          Py.checkDefined(v);
          return v;
      }
    }
  }

  static final class Binary extends Expr {
    private final String op;
    private final Expr left;
    private final Expr right;

    Binary(String op, Expr left, Expr right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      switch (op) {
        case "and":
          {
            Object l = left.eval(scope);
            return Py.truthy(l) ? right.eval(scope) : l;
          }
        case "or":
          {
            Object l = left.eval(scope);
            return Py.truthy(l) ? l : right.eval(scope);
          }
        case "~":
          return Limits.concat(Py.str(left.eval(scope)), Py.str(right.eval(scope)));
        default:
          return Ops.binary(op, left.eval(scope), right.eval(scope));
      }
    }
  }

  /** A comparison chain such as {@code a < b <= c} or {@code x not in y}. */
  static final class Compare extends Expr {
    private final Expr first;
    private final List<String> ops;
    private final List<Expr> rest;

    Compare(Expr first, List<String> ops, List<Expr> rest) {
      this.first = first;
      this.ops = ops;
      this.rest = rest;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      Object a = first.eval(scope);
      for (int i = 0; i < ops.size(); i++) {
        Object b = rest.get(i).eval(scope);
        if (!compare(ops.get(i), a, b)) {
          return false;
        }
        a = b;
      }
      return true;
    }

    static boolean compare(String op, @Nullable Object a, @Nullable Object b) {
      switch (op) {
        case "==":
          return Py.eq(a, b);
        case "!=":
          return !Py.eq(a, b);
        case "in":
          return Py.contains(b, a);
        case "notin":
          return !Py.contains(b, a);
        case "<":
          return Py.compare(a, b, op) < 0;
        case ">":
          return Py.compare(a, b, op) > 0;
        case "<=":
          return Py.compare(a, b, op) <= 0;
        default:
          return Py.compare(a, b, op) >= 0;
      }
    }
  }

  static final class Conditional extends Expr {
    private final Expr condition;
    private final Expr then;
    private final @Nullable Expr otherwise;

    Conditional(Expr condition, Expr then, @Nullable Expr otherwise) {
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      if (Py.truthy(condition.eval(scope))) {
        return then.eval(scope);
      }
      return otherwise != null
          ? otherwise.eval(scope)
          : Values.undefined("the inline if-expression");
    }
  }

  /** A list or tuple display. */
  static final class ListExpr extends Expr {
    final List<Expr> items;
    private final boolean tuple;

    ListExpr(List<Expr> items, boolean tuple) {
      this.items = items;
      this.tuple = tuple;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      List<@Nullable Object> out = new ArrayList<>(items.size());
      for (Expr e : items) {
        out.add(e.eval(scope));
      }
      return tuple ? new Values.Tuple(out) : out;
    }
  }

  static final class DictExpr extends Expr {
    private final List<Expr> keys;
    private final List<Expr> values;

    DictExpr(List<Expr> keys, List<Expr> values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    @Nullable Object eval(Scope scope) {
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        out.put(keys.get(i).eval(scope), values.get(i).eval(scope));
      }
      return out;
    }
  }
}
