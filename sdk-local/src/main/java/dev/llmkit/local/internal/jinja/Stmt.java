package dev.llmkit.local.internal.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Statement nodes: each renders into the output. */
abstract class Stmt {
  abstract void render(Scope scope, StringBuilder out);

  /** {@code break} and {@code continue} unwind to their loop. */
  static final class LoopSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final LoopSignal BREAK = new LoopSignal();
    static final LoopSignal CONTINUE = new LoopSignal();

    private LoopSignal() {
      super(null, null, false, false);
    }
  }

  static void renderAll(List<Stmt> body, Scope scope, StringBuilder out) {
    for (Stmt s : body) {
      s.render(scope, out);
    }
  }

  static final class Text extends Stmt {
    private final String text;

    Text(String text) {
      this.text = text;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      out.append(text);
    }
  }

  static final class Output extends Stmt {
    private final Expr expr;

    Output(Expr expr) {
      this.expr = expr;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      out.append(Py.str(expr.eval(scope)));
    }
  }

  static final class If extends Stmt {
    private final List<Expr> conditions;
    private final List<List<Stmt>> bodies;
    private final List<Stmt> otherwise;

    If(List<Expr> conditions, List<List<Stmt>> bodies, List<Stmt> otherwise) {
      this.conditions = conditions;
      this.bodies = bodies;
      this.otherwise = otherwise;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      for (int i = 0; i < conditions.size(); i++) {
        if (Py.truthy(conditions.get(i).eval(scope))) {
          renderAll(bodies.get(i), scope, out);
          return;
        }
      }
      renderAll(otherwise, scope, out);
    }
  }

  static final class For extends Stmt {
    private final List<String> targets;
    private final Expr iterable;
    private final @Nullable Expr filter;
    private final List<Stmt> body;
    private final List<Stmt> otherwise;

    For(
        List<String> targets,
        Expr iterable,
        @Nullable Expr filter,
        List<Stmt> body,
        List<Stmt> otherwise) {
      this.targets = targets;
      this.iterable = iterable;
      this.filter = filter;
      this.body = body;
      this.otherwise = otherwise;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      List<@Nullable Object> items = Py.iterate(iterable.eval(scope));
      if (filter != null) {
        List<@Nullable Object> kept = new ArrayList<>();
        for (Object item : items) {
          scope.iterate();
          Scope s = scope.child();
          assign(s, item);
          if (Py.truthy(filter.eval(s))) {
            kept.add(item);
          }
        }
        items = kept;
      }
      if (items.isEmpty()) {
        renderAll(otherwise, scope, out);
        return;
      }
      Loop loop = new Loop(items, scope.loopDepth);
      for (int i = 0; i < items.size(); i++) {
        scope.iterate();
        Limits.chars(out.length());
        Scope s = new Scope(scope, scope.loopDepth + 1);
        loop.index0 = i;
        s.set("loop", loop);
        assign(s, items.get(i));
        try {
          renderAll(body, s, out);
        } catch (LoopSignal signal) {
          if (signal == LoopSignal.BREAK) {
            break;
          }
        }
      }
    }

    private void assign(Scope s, @Nullable Object item) {
      if (targets.size() == 1) {
        s.set(targets.get(0), item);
        return;
      }
      List<@Nullable Object> parts = Py.iterate(item);
      if (parts.size() != targets.size()) {
        throw new JinjaException(
            JinjaException.Kind.VALUE,
            (parts.size() < targets.size() ? "not enough" : "too many")
                + " values to unpack (expected "
                + targets.size()
                + ")");
      }
      for (int i = 0; i < targets.size(); i++) {
        s.set(targets.get(i), parts.get(i));
      }
    }
  }

  static final class LoopControl extends Stmt {
    private final LoopSignal signal;

    LoopControl(LoopSignal signal) {
      this.signal = signal;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      throw signal;
    }
  }

  /** {@code set x = ...}, {@code set a, b = ...} and {@code set ns.attr = ...}. */
  static final class Set extends Stmt {
    private final List<String> targets;
    private final @Nullable String attribute;
    private final Expr value;

    Set(List<String> targets, @Nullable String attribute, Expr value) {
      this.targets = targets;
      this.attribute = attribute;
      this.value = value;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      assign(scope, targets, attribute, value.eval(scope));
    }

    static void assign(
        Scope scope, List<String> targets, @Nullable String attribute, @Nullable Object v) {
      if (attribute != null) {
        Object ns = scope.lookup(targets.get(0));
        if (!(ns instanceof Values.Namespace)) {
          throw JinjaException.type("cannot assign attribute on non-namespace object");
        }
        ((Values.Namespace) ns).attributes().put(attribute, v);
      } else if (targets.size() == 1) {
        scope.set(targets.get(0), v);
      } else {
        List<@Nullable Object> parts = Py.iterate(v);
        if (parts.size() != targets.size()) {
          throw new JinjaException(
              JinjaException.Kind.VALUE,
              "cannot unpack " + parts.size() + " values into " + targets.size() + " names");
        }
        for (int i = 0; i < parts.size(); i++) {
          scope.set(targets.get(i), parts.get(i));
        }
      }
    }
  }

  /** {@code set x %}...{% endset} and {@code filter f %}...{% endfilter}: a rendered body. */
  static final class Captured extends Stmt {
    private final @Nullable String target;
    private final @Nullable String attribute;
    private final List<Expr.Filter> filters;
    private final List<Stmt> body;

    Captured(
        @Nullable String target,
        @Nullable String attribute,
        List<Expr.Filter> filters,
        List<Stmt> body) {
      this.target = target;
      this.attribute = attribute;
      this.filters = filters;
      this.body = body;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      StringBuilder inner = new StringBuilder();
      renderAll(body, target == null ? scope.child() : scope, inner);
      Object v = inner.toString();
      for (Expr.Filter f : filters) {
        v = f.apply(v, scope);
      }
      if (target == null) {
        out.append(Py.str(v));
      } else {
        Set.assign(scope, List.of(target), attribute, v);
      }
    }
  }

  static final class Macro extends Stmt {
    private final String name;
    private final List<String> params;
    private final List<@Nullable Expr> defaults;
    private final List<Stmt> body;

    Macro(String name, List<String> params, List<@Nullable Expr> defaults, List<Stmt> body) {
      this.name = name;
      this.params = params;
      this.defaults = defaults;
      this.body = body;
    }

    @Override
    void render(Scope scope, StringBuilder out) {
      // typed parameters: see Methods.bind
      scope.set(
          name,
          (Values.Callable)
              (List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) ->
                  call(scope, args, kwargs));
    }

    private String call(
        Scope definition, List<@Nullable Object> args, Map<String, @Nullable Object> kwargs) {
      if (args.size() > params.size()) {
        throw JinjaException.type(
            "macro '" + name + "' takes not more than " + params.size() + " argument(s)");
      }
      Scope s = new Scope(definition, 0);
      for (int i = 0; i < params.size(); i++) {
        String p = params.get(i);
        if (i < args.size()) {
          s.set(p, args.get(i));
        } else if (kwargs.containsKey(p)) {
          s.set(p, kwargs.get(p));
        } else if (defaults.get(i) != null) {
          s.set(p, defaults.get(i).eval(s));
        } else {
          s.set(p, Values.undefined(p));
        }
      }
      StringBuilder out = new StringBuilder();
      renderAll(body, s, out);
      return out.toString();
    }
  }
}
