package dev.llmkit.local.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental, byte-level push-down recogniser for one JSON object (RFC 8259, top level must be
 * an object). {@link #accept(byte)} returns false for the first byte that cannot continue any valid
 * document; the automaton is then unusable. {@link #isComplete()} is true once the top-level object
 * has been closed, after which no further byte is accepted.
 *
 * <p>Two limits keep constrained generation from looping: at most {@value #MAX_WHITESPACE}
 * consecutive whitespace bytes outside strings, and nesting at most {@value #MAX_DEPTH} deep.
 * Inside strings, UTF-8 sequences are checked for well-formed lead and continuation bytes.
 */
final class JsonAutomaton {
  static final int MAX_WHITESPACE = 24;
  static final int MAX_DEPTH = 64;

  private static final int START = 0;
  private static final int VALUE = 1;
  private static final int ARRAY_FIRST = 2;
  private static final int OBJECT_FIRST = 3;
  private static final int KEY = 4;
  private static final int COLON = 5;
  private static final int AFTER_VALUE = 6;
  private static final int STRING = 7;
  private static final int STRING_ESCAPE = 8;
  private static final int STRING_HEX = 9;
  private static final int NUM_MINUS = 10;
  private static final int NUM_ZERO = 11;
  private static final int NUM_INT = 12;
  private static final int NUM_DOT = 13;
  private static final int NUM_FRAC = 14;
  private static final int NUM_E = 15;
  private static final int NUM_E_SIGN = 16;
  private static final int NUM_EXP = 17;
  private static final int LITERAL = 18;
  private static final int DONE = 19;
  private static final int FAILED = 20;

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private int state = START;
  private final byte[] stack = new byte[MAX_DEPTH];
  private int depth;
  private boolean stringIsKey;
  private int pending; // hex digits left in \\uXXXX, or UTF-8 continuation bytes left
  private byte[] literal = TRUE;
  private int literalPos;
  private int whitespace;

  /** Makes this automaton an exact copy of {@code other}. */
  void copyFrom(JsonAutomaton other) {
    state = other.state;
    System.arraycopy(other.stack, 0, stack, 0, other.depth);
    depth = other.depth;
    stringIsKey = other.stringIsKey;
    pending = other.pending;
    literal = other.literal;
    literalPos = other.literalPos;
    whitespace = other.whitespace;
  }

  boolean isComplete() {
    return state == DONE;
  }

  boolean isFailed() {
    return state == FAILED;
  }

  /**
   * The shortest bytes that complete the document from here: finish the open string, number or
   * literal, supply a missing key or value ({@code ""}, {@code 0}), then close every open bracket.
   * Empty when complete or failed.
   */
  byte[] closing() {
    JsonAutomaton a = new JsonAutomaton();
    a.copyFrom(this);
    StringBuilder out = new StringBuilder();
    while (a.state != DONE && a.state != FAILED) {
      char c = a.closingByte();
      out.append(c);
      a.accept((byte) c);
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The next byte of {@link #closing()}. */
  private char closingByte() {
    switch (state) {
      case START:
        return '{';
      case VALUE:
      case NUM_MINUS:
      case NUM_DOT:
      case NUM_E:
      case NUM_E_SIGN:
      case STRING_HEX:
        return '0';
      case KEY:
        return '"';
      case COLON:
        return ':';
      case STRING:
        return pending > 0 ? (char) 0x80 : '"';
      case STRING_ESCAPE:
        return 'n';
      case LITERAL:
        return (char) literal[literalPos];
      case OBJECT_FIRST:
        return '}';
      case ARRAY_FIRST:
        return ']';
      default: // AFTER_VALUE and complete numbers: close the innermost bracket
        return stack[depth - 1] == '{' ? '}' : ']';
    }
  }

  /** Feeds all of {@code bytes}; false if one was rejected. */
  boolean accept(byte[] bytes) {
    for (byte b : bytes) {
      if (!accept(b)) {
        return false;
      }
    }
    return true;
  }

  /** Feeds one byte; false (and the automaton fails) if it cannot continue a valid object. */
  boolean accept(byte b) {
    if (state == FAILED) {
      return false;
    }
    if (!step(b & 0xff)) {
      state = FAILED;
      return false;
    }
    return true;
  }

  private boolean step(int c) {
    switch (state) {
      case START:
        return whitespaceOr(c) || (c == '{' && open('{', OBJECT_FIRST));
      case VALUE:
        return whitespaceOr(c) || startValue(c);
      case ARRAY_FIRST:
        return whitespaceOr(c) || (c == ']' ? close('[') : startValue(c));
      case OBJECT_FIRST:
        return whitespaceOr(c) || (c == '}' ? close('{') : startKey(c));
      case KEY:
        return whitespaceOr(c) || startKey(c);
      case COLON:
        return whitespaceOr(c) || (c == ':' && to(VALUE));
      case AFTER_VALUE:
        return whitespaceOr(c) || afterValue(c);
      case STRING:
        return inString(c);
      case STRING_ESCAPE:
        return escape(c);
      case STRING_HEX:
        return isHex(c) && (--pending > 0 || to(STRING));
      case LITERAL:
        return c == literal[literalPos] && (++literalPos < literal.length || to(AFTER_VALUE));
      case DONE:
      case FAILED:
        return false;
      default:
        return number(c);
    }
  }

  private boolean to(int next) {
    state = next;
    whitespace = 0;
    return true;
  }

  private boolean whitespaceOr(int c) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      return ++whitespace <= MAX_WHITESPACE;
    }
    return false;
  }

  private boolean open(int bracket, int next) {
    if (depth == MAX_DEPTH) {
      return false;
    }
    stack[depth++] = (byte) bracket;
    return to(next);
  }

  private boolean close(int bracket) {
    if (depth == 0 || stack[depth - 1] != bracket) {
      return false;
    }
    depth--;
    return to(depth == 0 ? DONE : AFTER_VALUE);
  }

  private boolean startKey(int c) {
    if (c != '"') {
      return false;
    }
    stringIsKey = true;
    pending = 0;
    return to(STRING);
  }

  private boolean startValue(int c) {
    switch (c) {
      case '{':
        return open('{', OBJECT_FIRST);
      case '[':
        return open('[', ARRAY_FIRST);
      case '"':
        stringIsKey = false;
        pending = 0;
        return to(STRING);
      case '-':
        return to(NUM_MINUS);
      case '0':
        return to(NUM_ZERO);
      case 't':
        return literal(TRUE);
      case 'f':
        return literal(FALSE);
      case 'n':
        return literal(NULL);
      default:
        return c >= '1' && c <= '9' && to(NUM_INT);
    }
  }

  private boolean literal(byte[] word) {
    literal = word;
    literalPos = 1;
    return to(LITERAL);
  }

  private boolean afterValue(int c) {
    if (depth == 0) {
      return false;
    }
    if (c == ',') {
      return to(stack[depth - 1] == '{' ? KEY : VALUE);
    }
    return (c == '}' || c == ']') && close(c == '}' ? '{' : '[');
  }

  private boolean inString(int c) {
    if (pending > 0) { // inside a multi-byte UTF-8 sequence
      pending--;
      return c >= 0x80 && c <= 0xbf;
    }
    if (c == '"') {
      return to(stringIsKey ? COLON : AFTER_VALUE);
    }
    if (c == '\\') {
      state = STRING_ESCAPE;
      return true;
    }
    if (c < 0x20) {
      return false;
    }
    if (c < 0x80) {
      return true;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      pending = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      pending = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      pending = 3;
    } else {
      return false;
    }
    return true;
  }

  private boolean escape(int c) {
    if (c == 'u') {
      pending = 4;
      state = STRING_HEX;
      return true;
    }
    state = STRING;
    return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r'
        || c == 't';
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private boolean number(int c) {
    boolean digit = c >= '0' && c <= '9';
    boolean exponent = c == 'e' || c == 'E';
    switch (state) {
      case NUM_MINUS:
        return digit && to(c == '0' ? NUM_ZERO : NUM_INT);
      case NUM_DOT:
        return digit && to(NUM_FRAC);
      case NUM_E:
        return (c == '+' || c == '-') ? to(NUM_E_SIGN) : digit && to(NUM_EXP);
      case NUM_E_SIGN:
        return digit && to(NUM_EXP);
      case NUM_ZERO:
        return c == '.' ? to(NUM_DOT) : exponent ? to(NUM_E) : endNumber(c);
      case NUM_INT:
        return digit || (c == '.' ? to(NUM_DOT) : exponent ? to(NUM_E) : endNumber(c));
      case NUM_FRAC:
        return digit || (exponent ? to(NUM_E) : endNumber(c));
      case NUM_EXP:
        return digit || endNumber(c);
      default:
        throw new IllegalStateException("state " + state);
    }
  }

  /** A number ends at the first byte that cannot extend it; that byte then follows the value. */
  private boolean endNumber(int c) {
    to(AFTER_VALUE);
    return step(c);
  }

  @Override
  public String toString() {
    return "JsonAutomaton{state=" + state + ", depth=" + depth + ", stack="
        + new String(Arrays.copyOf(stack, depth), StandardCharsets.US_ASCII) + "}";
  }
}
