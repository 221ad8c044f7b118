package dev.llmkit.local.internal.jinja;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The template-side value types that have no Java counterpart (Python None is Java null). */
final class Values {
  private Values() {}

  /** jinja2's default {@code Undefined}: empty when printed or iterated, an error when used. */
  static final class Undefined {
    final String message;

    Undefined(String message) {
      this.message = message;
    }

    JinjaException error() {
      return new JinjaException(JinjaException.Kind.UNDEFINED, message);
    }
  }

  /**
   * markupsafe's {@code Markup} ({@code |safe}): concatenating a plain string escapes that string.
   */
  record Markup(String text) {
    static String escape(@Nullable Object v) {
      if (v instanceof Markup) {
        return ((Markup) v).text();
      }
      return Py.str(v)
          .replace("&", "&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("\"", "&#34;")
          .replace("'", "&#39;");
    }
  }

  /** A Python tuple: a list that prints with parentheses. */
  static final class Tuple extends java.util.AbstractList<@Nullable Object> {
    private final List<@Nullable Object> items;

    Tuple(List<@Nullable Object> items) {
      this.items = items;
    }

    @Override
    public @Nullable Object get(int index) {
      return items.get(index);
    }

    @Override
    public int size() {
      return items.size();
    }
  }

  /** A Python generator, as the {@code map}, {@code select}... filters return it. */
  record Generator(List<@Nullable Object> items) {}

  /** jinja2's {@code namespace()}: the one object whose attributes {@code set} may assign. */
  record Namespace(Map<String, @Nullable Object> attributes) {}

  /** Something a template can call: a global, a macro, a bound method. */
  @FunctionalInterface
  interface Callable {
    @Nullable Object call(List<@Nullable Object> args, Map<String, @Nullable Object> kwargs);
  }

  static Undefined undefined(String name) {
    return new Undefined("'" + name + "' is undefined");
  }

  static Undefined noAttribute(@Nullable Object obj, Object name) {
    String owner = obj == null ? "'None'" : "'" + Py.typeName(obj) + " object'";
    return new Undefined(owner + " has no attribute '" + name + "'");
  }
}
