package dev.llmkit.local.internal.grammar;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON integer within {@code [lo, hi]} that is a multiple of {@code step} ({@code minimum},
 * {@code maximum}, their exclusive forms and {@code multipleOf}), at most {@value #MAX_DIGITS}
 * digits as {@link NumberNode} allows. A digit is allowed only if some number it begins is in range
 * and a multiple: the prefix so far stands for an interval of completions, which is checked against
 * the bounds. No {@code -0} and no leading zeros.
 *
 * <p>Frame: {@code phase} (below); for digits, the magnitude so far as {@code a * 10^9 + b}, {@code
 * c} the digits written.
 */
final class IntegerNode extends Node {
  static final int MAX_DIGITS = NumberNode.MAX_DIGITS;

  /** The largest magnitude with {@link #MAX_DIGITS} digits. */
  static final long LIMIT = 999_999_999_999_999L;

  private static final long SPLIT = 1_000_000_000L;

  private static final int START = 0;
  private static final int MINUS = 1;
  private static final int POSITIVE = 2;
  private static final int NEGATIVE = 3;

  private final long lo;
  private final long hi;
  private final long step;

  IntegerNode(long lo, long hi, long step) {
    this.lo = Math.max(lo, -LIMIT);
    this.hi = Math.min(hi, LIMIT);
    this.step = step;
  }

  /**
   * The integer node of schema {@code s}, bounded by minimum / maximum (also exclusive, in the
   * number and the draft-4 boolean forms) and multipleOf; null if it has none of them.
   */
  static @Nullable IntegerNode of(Map<String, @Nullable Object> s, String path) {
    if (SchemaCompiler.BOUNDS.stream().noneMatch(s::containsKey)) {
      return null;
    }
    long lo = -LIMIT;
    long hi = LIMIT;
    Double min = number(s, "minimum", path);
    Double max = number(s, "maximum", path);
    if (min != null) {
      lo = Math.max(lo, clamp(Math.ceil(min)));
    }
    if (max != null) {
      hi = Math.min(hi, clamp(Math.floor(max)));
    }
    for (String k : List.of("exclusiveMinimum", "exclusiveMaximum")) {
      Object v = s.get(k);
      boolean lower = k.equals("exclusiveMinimum");
      Double bound = v instanceof Boolean ? (lower ? min : max) : number(s, k, path);
      if (v instanceof Boolean && bound == null) {
        throw new SchemaException(
            path + "/" + k, k + " true needs " + (lower ? "minimum" : "maximum") + " next to it");
      }
      if (bound != null && !Boolean.FALSE.equals(v)) {
        if (lower) {
          lo = Math.max(lo, clamp(Math.floor(bound)) + 1);
        } else {
          hi = Math.min(hi, clamp(Math.ceil(bound)) - 1);
        }
      }
    }
    long step = 1;
    Double multiple = number(s, "multipleOf", path);
    if (multiple != null) {
      if (multiple <= 0 || multiple != Math.rint(multiple) || multiple > LIMIT) {
        throw new SchemaException(
            path + "/multipleOf",
            "multipleOf must be a positive integer"
                + " for an integer, not "
                + SchemaValues.describe(s.get("multipleOf")));
      }
      step = multiple.longValue();
    }
    IntegerNode n = new IntegerNode(lo, hi, step);
    if (n.computeMinLength() >= Node.INFINITE) {
      throw new SchemaException(
          path,
          "no integer of at most "
              + MAX_DIGITS
              + " digits satisfies minimum/maximum/multipleOf here ("
              + lo
              + " to "
              + hi
              + (step > 1 ? ", multiple of " + step : "")
              + ")");
    }
    return n;
  }

  private static long clamp(double d) {
    return (long) Math.max(-LIMIT - 1, Math.min(LIMIT + 1, d));
  }

  private static @Nullable Double number(Map<String, @Nullable Object> s, String key, String path) {
    Object v = s.get(key);
    if (v == null || v instanceof Boolean) {
      return null;
    }
    if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) {
      throw new SchemaException(
          path + "/" + key, key + " must be a number, not " + SchemaValues.describe(v));
    }
    return ((Number) v).doubleValue();
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.push(new Frame(this, START), parent);
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    boolean digit = c >= '0' && c <= '9';
    switch (f.phase()) {
      case START:
        if (c == '-') {
          if (remaining(new Frame(this, MINUS)) < INFINITE) {
            ctx.push(new Frame(this, MINUS), parent);
          }
        } else if (digit) {
          digits(false, 0, 0, c - '0', parent, ctx);
        }
        return;
      case MINUS:
        if (digit && c != '0') {
          digits(true, 0, 0, c - '0', parent, ctx);
        }
        return;
      default:
        long v = f.a() * SPLIT + f.b();
        if (digit && v != 0 && f.c() < MAX_DIGITS) {
          digits(f.phase() == NEGATIVE, v, f.c(), c - '0', parent, ctx);
        }
    }
  }

  /** Appends digit {@code d} to magnitude {@code v} of {@code count} digits. */
  private void digits(boolean negative, long v, int count, int d, @Nullable Stack parent, Ctx ctx) {
    long next = v * 10 + d;
    int n = count + 1;
    if (viable(negative, next, n, 0)) {
      ctx.pop(parent);
    }
    if (next != 0 && more(negative, next, n) < INFINITE) {
      ctx.push(
          new Frame(
              this, negative ? NEGATIVE : POSITIVE, (int) (next / SPLIT), (int) (next % SPLIT), n),
          parent);
    }
  }

  /** The fewest digits (at least one) that complete magnitude {@code v}, or INFINITE. */
  private int more(boolean negative, long v, int count) {
    for (int j = 1; count + j <= MAX_DIGITS; j++) {
      if (viable(negative, v, count, j)) {
        return j;
      }
    }
    return INFINITE;
  }

  /** Whether {@code v} followed by exactly {@code j} more digits can be a valid value. */
  private boolean viable(boolean negative, long v, int count, int j) {
    if (count + j > MAX_DIGITS || (negative && v == 0 && j == 0)) {
      return false;
    }
    long scale = pow10(j);
    long low = v * scale;
    long high = low + scale - 1;
    if (count == 0 && j > 1) { // a first digit: no leading zero
      low = Math.max(low, pow10(j - 1));
    }
    long from = negative ? -high : low;
    long to = negative ? -low : high;
    from = Math.max(from, lo);
    to = Math.min(to, hi);
    if (from > to) {
      return false;
    }
    long first = Math.floorDiv(from + step - 1, step) * step; // smallest multiple >= from
    if (Math.floorMod(from, step) == 0) {
      first = from;
    }
    return first <= to && !(negative && first == 0 && to == 0);
  }

  private static long pow10(int j) {
    long p = 1;
    for (int i = 0; i < j; i++) {
      p *= 10;
    }
    return p;
  }

  @Override
  int remaining(Frame f) {
    switch (f.phase()) {
      case START:
        int best = INFINITE;
        for (int j = 1; j <= MAX_DIGITS && best == INFINITE; j++) {
          if (viable(false, 0, 0, j)) {
            best = j;
          }
        }
        return Math.min(best, add(1, remaining(new Frame(this, MINUS))));
      case MINUS:
        for (int j = 1; j <= MAX_DIGITS; j++) {
          if (viable(true, 0, 0, j)) {
            return j;
          }
        }
        return INFINITE;
      default:
        long v = f.a() * SPLIT + f.b();
        return viable(f.phase() == NEGATIVE, v, f.c(), 0)
            ? 0
            : more(f.phase() == NEGATIVE, v, f.c());
    }
  }

  @Override
  int computeMinLength() {
    return remaining(new Frame(this, START));
  }
}
