package dev.llmkit.local.internal.jinja;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Jinja template, rendered the way Hugging Face transformers renders chat templates:
 * jinja2 with {@code trim_blocks} and {@code lstrip_blocks}, the loop-control extension, an
 * immutable sandbox (lists and dicts cannot be modified), the globals {@code raise_exception},
 * {@code strftime_now}, {@code namespace}, {@code range} and {@code dict}, and transformers' {@code
 * tojson}. Values passed in are Java {@code String}, {@code Long}/{@code Integer}, {@code Double},
 * {@code Boolean}, {@code null} (None), {@code List} and {@code Map}.
 *
 * <p>Immutable and thread-safe: each render has its own variables.
 */
public final class JinjaTemplate {
  private final List<Stmt> body;
  private final Supplier<ZonedDateTime> clock;

  private JinjaTemplate(List<Stmt> body, Supplier<ZonedDateTime> clock) {
    this.body = body;
    this.clock = clock;
  }

  /**
   * Parses a template whose {@code strftime_now} reads {@code clock}.
   *
   * @throws JinjaException of kind SYNTAX when the source is not valid Jinja or uses a tag, filter
   *     or test this engine does not have
   */
  public static JinjaTemplate parse(String source, Supplier<ZonedDateTime> clock) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(clock, "clock");
    return new JinjaTemplate(Parser.parse(source), clock);
  }

  /**
   * Renders with the given variables.
   *
   * @throws JinjaException when the template raises ({@code raise_exception}), when Python would
   *     raise (e.g. iterating None), or when it uses something this engine cannot do
   */
  public String render(Map<String, ?> variables) {
    Scope globals = new Scope(null, 0);
    globals.set(
        "raise_exception",
        (Values.Callable)
            (args, kw) -> {
              throw new JinjaException(
                  JinjaException.Kind.RAISED, args.isEmpty() ? "" : Py.str(args.get(0)));
            });
    globals.set(
        "strftime_now",
        (Values.Callable)
            (args, kw) -> Strftime.format(Py.str(args.isEmpty() ? "" : args.get(0)), clock.get()));
    globals.set("namespace", (Values.Callable) JinjaTemplate::namespace);
    globals.set(
        "dict",
        (Values.Callable) (args, kw) -> new LinkedHashMap<@Nullable Object, @Nullable Object>(kw));
    globals.set("range", (Values.Callable) JinjaTemplate::range);
    Scope scope = globals.child();
    variables.forEach(scope::set);
    StringBuilder out = new StringBuilder();
    try {
      Stmt.renderAll(body, scope, out);
      Limits.chars(out.length());
    } catch (Stmt.LoopSignal e) {
      throw JinjaException.syntax("'break' or 'continue' outside a loop", 0);
    } catch (ClassCastException | IndexOutOfBoundsException | NumberFormatException e) {
      throw JinjaException.type(
          "a value has the wrong type for its use in the template (" + e.getMessage() + ")");
    } catch (StackOverflowError e) {
      throw new JinjaException(JinjaException.Kind.VALUE, "maximum recursion depth exceeded");
    }
    return out.toString();
  }

  private static Object namespace(List<@Nullable Object> args, Map<String, @Nullable Object> kw) {
    Map<String, @Nullable Object> attrs = new LinkedHashMap<>();
    for (Object a : args) {
      if (a instanceof Map) {
        ((Map<?, ?>) a).forEach((k, v) -> attrs.put(Py.str(k), v));
      }
    }
    attrs.putAll(kw);
    return new Values.Namespace(attrs);
  }

  private static Object range(List<@Nullable Object> args, Map<String, @Nullable Object> kw) {
    long start = args.size() > 1 ? Py.asLong(args.get(0)) : 0;
    long stop = Py.asLong(args.size() > 1 ? args.get(1) : Methods.arg(args, 0, "range"));
    long step = args.size() > 2 ? Py.asLong(args.get(2)) : 1;
    if (step == 0) {
      throw new JinjaException(JinjaException.Kind.VALUE, "range() arg 3 must not be zero");
    }
    List<@Nullable Object> out = new ArrayList<>();
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (out.size() >= 100_000) {
        throw new JinjaException(
            JinjaException.Kind.VALUE, "range too big (more than 100000 items)");
      }
      out.add(i);
    }
    return out;
  }
}
