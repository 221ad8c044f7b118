package dev.llmkit.local.internal.grammar;

import org.jspecify.annotations.Nullable;

/**
 * A JSON number, or an integer ({@code -?(0|[1-9][0-9]*)}). Digit runs are bounded so that values
 * stay within what a double or long holds exactly: {@value #MAX_DIGITS} integer and fraction
 * digits, {@value #MAX_EXPONENT_DIGITS} exponent digits. Frame: {@code phase} (below), {@code a}
 * digits so far in the current run.
 */
final class NumberNode extends Node {
  static final int MAX_DIGITS = 15;
  static final int MAX_EXPONENT_DIGITS = 2;

  private static final int START = 0;
  private static final int MINUS = 1;
  private static final int ZERO = 2;
  private static final int INT = 3;
  private static final int DOT = 4;
  private static final int FRACTION = 5;
  private static final int E = 6;
  private static final int E_SIGN = 7;
  private static final int EXPONENT = 8;

  private final boolean integer;

  NumberNode(boolean integer) {
    this.integer = integer;
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.push(new Frame(this, START), parent);
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    boolean digit = c >= '0' && c <= '9';
    boolean e = !integer && (c == 'e' || c == 'E');
    switch (f.phase()) {
      case START:
        if (c == '-') {
          ctx.push(new Frame(this, MINUS), parent);
          return;
        }
      // fall through: a number starts like the digits after a minus
      case MINUS:
        if (c == '0') {
          end(new Frame(this, ZERO), !integer, parent, ctx);
        } else if (digit) {
          end(new Frame(this, INT, 1, 0, 0), true, parent, ctx);
        }
        return;
      case INT:
        if (digit && f.a() < MAX_DIGITS) {
          end(
              new Frame(this, INT, f.a() + 1, 0, 0),
              !integer || f.a() + 1 < MAX_DIGITS,
              parent,
              ctx);
          return;
        }
      // fall through: '.' or an exponent may follow the integer part
      case ZERO:
        if (!integer && c == '.') {
          ctx.push(new Frame(this, DOT), parent);
        } else if (e) {
          ctx.push(new Frame(this, E), parent);
        }
        return;
      case DOT:
        if (digit) {
          end(new Frame(this, FRACTION, 1, 0, 0), true, parent, ctx);
        }
        return;
      case FRACTION:
        if (digit && f.a() < MAX_DIGITS) {
          end(new Frame(this, FRACTION, f.a() + 1, 0, 0), true, parent, ctx);
        } else if (e) {
          ctx.push(new Frame(this, E), parent);
        }
        return;
      case E:
        if (c == '+' || c == '-') {
          ctx.push(new Frame(this, E_SIGN), parent);
          return;
        }
      // fall through
      case E_SIGN:
        if (digit) {
          end(new Frame(this, EXPONENT, 1, 0, 0), true, parent, ctx);
        }
        return;
      case EXPONENT:
        if (digit && f.a() < MAX_EXPONENT_DIGITS) {
          end(
              new Frame(this, EXPONENT, f.a() + 1, 0, 0),
              f.a() + 1 < MAX_EXPONENT_DIGITS,
              parent,
              ctx);
        }
        return;
      default:
        throw new IllegalStateException("phase " + f.phase());
    }
  }

  /** {@code next} is a complete number: it may end here, or go on if {@code more}. */
  private static void end(Frame next, boolean more, @Nullable Stack parent, Ctx ctx) {
    ctx.pop(parent);
    if (more) {
      ctx.push(next, parent);
    }
  }

  @Override
  int remaining(Frame f) {
    switch (f.phase()) {
      case ZERO:
      case INT:
      case FRACTION:
      case EXPONENT:
        return 0;
      default:
        return 1;
    }
  }

  @Override
  int computeMinLength() {
    return 1;
  }
}
