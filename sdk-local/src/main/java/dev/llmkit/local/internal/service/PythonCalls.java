package dev.llmkit.local.internal.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads tool calls written as Python: the list form {@code [get_weather(city="Paris"), f()]} (Llama
 * 3.2 lightweight / Llama 4 style) and the single built-in form {@code
 * brave_search.call(query="x")} that Llama 3.1 writes after {@code <|python_tag|>}. Arguments are
 * keyword arguments whose values are Python literals (strings, numbers, True/False/None, lists,
 * tuples, dicts); each call's arguments become a JSON object string. The text may be incomplete:
 * the result says whether more text could still complete it.
 */
final class PythonCalls {
  /** One call: the function name and its arguments as a JSON object. */
  record Call(String name, String arguments) {}

  /** How far the text was read. */
  enum Status {
    /** The form is complete; it ends at {@link Result#end}. */
    DONE,
    /** The text so far is a valid start; more text may complete it. */
    MORE,
    /** The text is not this form. */
    BAD
  }

  /**
   * What was read: the calls complete so far, where the last of them ended (the form's end when
   * DONE), and the status.
   */
  record Result(List<Call> calls, int end, Status status) {}

  /** Thrown when the text ends before the form does. */
  private static final class Incomplete extends RuntimeException {
    Incomplete() {
      super(null, null, false, false);
    }
  }

  /** Thrown when the text is not the form. */
  private static final class Bad extends RuntimeException {
    Bad() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final List<Call> calls = new ArrayList<>();
  private int pos;
  private int end;

  private PythonCalls(String text) {
    this.text = text;
  }

  /** Reads the list form {@code [call, call, ...]} at the start of {@code text}. */
  static Result list(String text) {
    PythonCalls p = new PythonCalls(text);
    return p.run(true);
  }

  /** Reads one call ({@code name(...)} or {@code name.call(...)}) at the start of {@code text}. */
  static Result single(String text) {
    PythonCalls p = new PythonCalls(text);
    return p.run(false);
  }

  private Result run(boolean list) {
    try {
      space();
      if (list) {
        expect('[');
        space();
        if (peek() != ']') {
          call();
          space();
          while (peek() == ',') {
            pos++;
            space();
            call();
            space();
          }
        }
        expect(']');
      } else {
        call();
      }
      return new Result(List.copyOf(calls), pos, Status.DONE);
    } catch (Incomplete e) {
      return new Result(List.copyOf(calls), end, Status.MORE);
    } catch (Bad e) {
      return new Result(List.copyOf(calls), end, Status.BAD);
    }
  }

  private void call() {
    StringBuilder name = new StringBuilder(identifier());
    while (peek() == '.') {
      pos++;
      name.append('.').append(identifier());
    }
    String n = name.toString();
    if (n.endsWith(".call")) { // Llama 3.1 built-in tools: brave_search.call(...)
      n = n.substring(0, n.length() - ".call".length());
    }
    space();
    expect('(');
    StringBuilder args = new StringBuilder("{");
    space();
    while (peek() != ')') {
      if (args.length() > 1) {
        expect(',');
        space();
        if (peek() == ')') {
          break; // a trailing comma
        }
      }
      String key = identifier();
      space();
      expect('=');
      space();
      if (args.length() > 1) {
        args.append(", ");
      }
      string(key, args);
      args.append(": ");
      value(args);
      space();
    }
    pos++;
    calls.add(new Call(n, args.append('}').toString()));
    end = pos;
  }

  private void value(StringBuilder out) {
    char c = peek();
    if (c == '"' || c == '\'') {
      string(quoted(), out);
    } else if (c == '[' || c == '(') {
      sequence(c == '[' ? ']' : ')', out);
    } else if (c == '{') {
      dict(out);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number(out);
    } else if (Character.isLetter(c)) {
      String word = identifier();
      switch (word) {
        case "True":
          out.append("true");
          break;
        case "False":
          out.append("false");
          break;
        case "None":
          out.append("null");
          break;
        default:
          throw new Bad();
      }
    } else {
      throw new Bad();
    }
  }

  private void sequence(char close, StringBuilder out) {
    pos++;
    out.append('[');
    boolean first = true;
    space();
    while (peek() != close) {
      if (!first) {
        expect(',');
        space();
        if (peek() == close) {
          break;
        }
        out.append(", ");
      }
      value(out);
      first = false;
      space();
    }
    pos++;
    out.append(']');
  }

  private void dict(StringBuilder out) {
    pos++;
    out.append('{');
    boolean first = true;
    space();
    while (peek() != '}') {
      if (!first) {
        expect(',');
        space();
        if (peek() == '}') {
          break;
        }
        out.append(", ");
      }
      char c = peek();
      if (c == '"' || c == '\'') {
        string(quoted(), out);
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        StringBuilder number = new StringBuilder();
        number(number);
        string(number.toString(), out);
      } else {
        throw new Bad();
      }
      space();
      expect(':');
      space();
      out.append(": ");
      value(out);
      first = false;
      space();
    }
    pos++;
    out.append('}');
  }

  private void number(StringBuilder out) {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    digits();
    if (peek() == '.') {
      pos++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    String number = text.substring(start, pos);
    if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw new Bad();
    }
    out.append(number);
  }

  private void digits() {
    int start = pos;
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
    if (pos == start) {
      throw new Bad();
    }
  }

  /** A quoted Python string's value (escapes resolved). */
  private String quoted() {
    char quote = text.charAt(pos++);
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == quote) {
        return s.toString();
      }
      if (c == '\n') {
        throw new Bad();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case '0' -> s.append('\0');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw new Incomplete();
          }
          try {
            s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException x) {
            throw new Bad();
          }
          pos += 4;
        }
        case '\\', '\'', '"' -> s.append(e);
        default -> s.append('\\').append(e);
      }
    }
  }

  /** Appends {@code s} as a JSON string. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private String identifier() {
    int start = pos;
    char c = peek();
    if (!(Character.isLetter(c) || c == '_')) {
      throw new Bad();
    }
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos == text.length()) {
      throw new Incomplete(); // the name may go on
    }
    return text.substring(start, pos);
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new Bad();
    }
    pos++;
  }

  /** The next character without consuming it; the text ending here is {@link Incomplete}. */
  private char peek() {
    if (pos >= text.length()) {
      throw new Incomplete();
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }
}
