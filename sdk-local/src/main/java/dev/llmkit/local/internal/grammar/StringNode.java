package dev.llmkit.local.internal.grammar;

import org.jspecify.annotations.Nullable;

/**
 * A JSON string, optionally with a length range (in code points, as JSON Schema counts) and a
 * pattern (a {@link CharDfa} over the decoded characters). Bytes are checked as UTF-8: no overlong
 * forms, no surrogates, no raw control characters; {@code \\u} escapes may not encode surrogates.
 * Every byte allowed keeps a valid completion reachable.
 *
 * <p>Frame: {@code phase} (below), {@code a} characters so far (saturating where the bounds stop
 * caring), {@code b} the pattern state, {@code c} a partial character: for UTF-8 {@code length <<
 * 28 | pending << 24 | bits}, for a {@code \\u} escape the hex value so far.
 */
final class StringNode extends Node {
  static final StringNode ANY = new StringNode(0, -1, null);

  private static final int OPEN = 0;
  private static final int BODY = 1;
  private static final int ESCAPE = 2;
  private static final int HEX = 3; // HEX + k: k hex digits read

  final int min;
  final int max;
  private final @Nullable CharDfa dfa;

  StringNode(int min, int max, @Nullable CharDfa dfa) {
    this.min = min;
    this.max = max;
    this.dfa = dfa;
  }

  @Override
  void enter(@Nullable Stack parent, Ctx ctx) {
    ctx.push(new Frame(this, OPEN), parent);
  }

  @Override
  void step(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    switch (f.phase()) {
      case OPEN:
        if (c == '"') {
          ctx.push(new Frame(this, BODY), parent);
        }
        return;
      case BODY:
        body(f, parent, c, ctx);
        return;
      case ESCAPE:
        escape(f, parent, c, ctx);
        return;
      default:
        hex(f, parent, c, ctx);
    }
  }

  private void body(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int partial = f.c();
    if (partial != 0) {
      continuation(f, parent, c, ctx);
      return;
    }
    if (c == '"') {
      if (f.a() >= min && (dfa == null || dfa.accepting(f.b()))) {
        ctx.pop(parent);
      }
    } else if (c == '\\') {
      if (room(f) && (dfa == null || dfa.canStep(f.b(), 0, 0xFFFF))) {
        ctx.push(new Frame(this, ESCAPE, f.a(), f.b(), 0), parent);
      }
    } else if (c < 0x20) {
      return;
    } else if (c < 0x80) {
      character(f, c, parent, ctx);
    } else if (c >= 0xC2 && c <= 0xDF) {
      lead(f, 2, c & 0x1F, parent, ctx);
    } else if (c >= 0xE0 && c <= 0xEF) {
      lead(f, 3, c & 0x0F, parent, ctx);
    } else if (c >= 0xF0 && c <= 0xF4) {
      lead(f, 4, c & 0x07, parent, ctx);
    }
  }

  /** Whether {@code f} is inside the body between characters, without a pattern. */
  boolean plainBody(Frame f) {
    return dfa == null && f.phase() == BODY && f.c() == 0;
  }

  private boolean room(Frame f) {
    return max < 0 || f.a() < max;
  }

  private void lead(Frame f, int length, int bits, @Nullable Stack parent, Ctx ctx) {
    int pending = length - 1;
    if (!room(f) || !viable(f.b(), bits, pending)) {
      return;
    }
    ctx.push(new Frame(this, BODY, f.a(), f.b(), length << 28 | pending << 24 | bits), parent);
  }

  /** Whether a character starting with {@code bits} and {@code pending} 6-bit groups may follow. */
  private boolean viable(int state, int bits, int pending) {
    if (dfa == null) {
      return true;
    }
    int lo = bits << (6 * pending);
    int hi = lo | ((1 << (6 * pending)) - 1);
    lo = Math.max(lo, pending == 1 ? 0x80 : pending == 2 ? 0x800 : 0x10000); // no overlong forms
    return dfa.canStep(state, lo, hi);
  }

  private void continuation(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    if ((c & 0xC0) != 0x80) {
      return;
    }
    int partial = f.c();
    int length = partial >>> 28;
    int pending = (partial >>> 24) & 0xF;
    int bits = partial & 0xFFFFFF;
    if (pending == length - 1) { // first continuation: exclude overlong forms and surrogates
      if ((length == 3 && bits == 0 && c < 0xA0)
          || (length == 3 && bits == 0xD && c > 0x9F)
          || (length == 4 && bits == 0 && c < 0x90)
          || (length == 4 && bits == 4 && c > 0x8F)) {
        return;
      }
    }
    bits = bits << 6 | (c & 0x3F);
    pending--;
    if (pending == 0) {
      character(f, bits, parent, ctx);
    } else if (viable(f.b(), bits, pending)) { // lengths left match the lead's: same floor
      ctx.push(new Frame(this, BODY, f.a(), f.b(), length << 28 | pending << 24 | bits), parent);
    }
  }

  private void escape(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int decoded;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        decoded = c;
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'u':
        if (room(f) && (dfa == null || dfa.canStep(f.b(), 0, 0xFFFF))) {
          ctx.push(new Frame(this, HEX, f.a(), f.b(), 0), parent);
        }
        return;
      default:
        return;
    }
    character(f, decoded, parent, ctx);
  }

  private void hex(Frame f, @Nullable Stack parent, int c, Ctx ctx) {
    int digit = Character.digit(c, 16);
    if (digit < 0) {
      return;
    }
    int read = f.phase() - HEX + 1;
    int value = f.c() << 4 | digit;
    if (read == 2 && value >= 0xD8 && value <= 0xDF) {
      return; // a surrogate: not allowed alone, and pairs are not needed (UTF-8 is)
    }
    if (read == 4) {
      character(f, value, parent, ctx);
      return;
    }
    int shift = 4 * (4 - read);
    if (dfa != null && !dfa.canStep(f.b(), value << shift, (value << shift) | ((1 << shift) - 1))) {
      return;
    }
    ctx.push(new Frame(this, HEX + read, f.a(), f.b(), value), parent);
  }

  /** One decoded character {@code cp} was written. */
  private void character(Frame f, int cp, @Nullable Stack parent, Ctx ctx) {
    int count = f.a() + 1;
    if (max >= 0 && count > max) {
      return;
    }
    int state = f.b();
    if (dfa != null) {
      state = dfa.next(state, cp);
      if (state < 0 || (max >= 0 && dfa.distance(state) > max - count)) {
        return;
      }
    }
    int cap = max >= 0 ? max : min;
    ctx.push(new Frame(this, BODY, Math.min(count, cap), state, 0), parent);
  }

  @Override
  int remaining(Frame f) {
    // an upper bound is safe (closing starts a little early); a lower one is not
    int need = Math.max(min - f.a(), dfa == null ? 0 : dfa.byteDistance(f.b()));
    int partial;
    if (f.phase() == ESCAPE) {
      partial = 5;
    } else if (f.phase() >= HEX) {
      partial = 4 - (f.phase() - HEX);
    } else {
      partial = (f.c() >>> 24) & 0xF;
    }
    return (f.phase() == OPEN ? 2 : 1) + Math.max(0, need) + partial;
  }

  @Override
  int computeMinLength() {
    return remaining(new Frame(this, OPEN));
  }
}
