package dev.llmkit.local.internal.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and tag tokens the way jinja2's lexer does with {@code
 * trim_blocks=True, lstrip_blocks=True} (transformers' settings): newlines are normalised to {@code
 * \n} and one trailing newline of the source is dropped; {@code -} next to a delimiter strips all
 * whitespace on that side; a block or comment tag eats the newline right after it; spaces and tabs
 * between the start of a line and a block or comment tag are dropped.
 */
final class Lexer {
  enum Type {
    TEXT,
    VAR_BEGIN,
    VAR_END,
    BLOCK_BEGIN,
    BLOCK_END,
    NAME,
    STRING,
    INT,
    FLOAT,
    OP,
    EOF
  }

  record Token(Type type, String value, int line) {
    boolean is(Type t, String v) {
      return type == t && value.equals(v);
    }

    boolean isOp(String v) {
      return is(Type.OP, v);
    }

    boolean isName(String v) {
      return is(Type.NAME, v);
    }
  }

  private static final String[] OPERATORS = {
    "//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", ".", ",", ":",
    "|", "(", ")", "[", "]", "{", "}", ";"
  };

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;

  private Lexer(String source) {
    String s = source.replace("\r\n", "\n").replace('\r', '\n');
    this.src = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  static List<Token> tokenize(String source) {
    Lexer lexer = new Lexer(source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    int n = src.length();
    while (pos < n) {
      int idx = nextTag(pos);
      String text = src.substring(pos, idx);
      if (idx < n) {
        char kind = src.charAt(idx + 1);
        char marker = idx + 2 < n ? src.charAt(idx + 2) : ' ';
        if (marker == '-') {
          text = stripTrailing(text);
        } else if (marker != '+' && kind != '{') {
          text = text.substring(0, lstripCut(pos, idx) - pos);
        }
        emitText(text);
        int start = idx + ((marker == '-' || marker == '+') ? 3 : 2);
        line += count(src, pos, start);
        if (kind == '#') {
          comment(start);
        } else {
          tag(kind == '{', start);
        }
      } else {
        emitText(text);
        pos = n;
      }
    }
    tokens.add(new Token(Type.EOF, "", line));
  }

  private int nextTag(int from) {
    int n = src.length();
    for (int i = from; i + 1 < n; i++) {
      if (src.charAt(i) == '{') {
        char c = src.charAt(i + 1);
        if (c == '{' || c == '%' || c == '#') {
          return i;
        }
      }
    }
    return n;
  }

  /** lstrip_blocks: where text ends if the tag at {@code idx} is the first thing on its line. */
  private int lstripCut(int from, int idx) {
    int j = idx;
    while (j > from && (src.charAt(j - 1) == ' ' || src.charAt(j - 1) == '\t')) {
      j--;
    }
    if (j == 0 || src.charAt(j - 1) == '\n') {
      return j;
    }
    return idx;
  }

  private void emitText(String text) {
    if (!text.isEmpty()) {
      tokens.add(new Token(Type.TEXT, text, line));
    }
  }

  private void comment(int start) {
    int end = src.indexOf("#}", start);
    if (end < 0) {
      throw JinjaException.syntax("unclosed comment", line);
    }
    boolean minus = end > start && src.charAt(end - 1) == '-';
    line += count(src, start, end + 2);
    pos = end + 2;
    afterTag(minus, true);
  }

  private void afterTag(boolean minus, boolean trimNewline) {
    if (minus) {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        if (src.charAt(pos) == '\n') {
          line++;
        }
        pos++;
      }
    } else if (trimNewline && pos < src.length() && src.charAt(pos) == '\n') {
      pos++;
      line++;
    }
  }

  private void tag(boolean variable, int start) {
    tokens.add(new Token(variable ? Type.VAR_BEGIN : Type.BLOCK_BEGIN, "", line));
    int firstToken = tokens.size();
    pos = start;
    int depth = 0;
    int n = src.length();
    while (true) {
      while (pos < n && Character.isWhitespace(src.charAt(pos))) {
        if (src.charAt(pos) == '\n') {
          line++;
        }
        pos++;
      }
      if (pos >= n) {
        throw JinjaException.syntax("unclosed " + (variable ? "'{{'" : "'{%'"), line);
      }
      String close = variable ? "}}" : "%}";
      boolean minus = src.startsWith("-" + close, pos);
      boolean plus = src.startsWith("+" + close, pos);
      if ((depth == 0 || !variable) && (minus || plus || src.startsWith(close, pos))) {
        pos += close.length() + (minus || plus ? 1 : 0);
        tokens.add(new Token(variable ? Type.VAR_END : Type.BLOCK_END, "", line));
        if (!variable && tokens.size() == firstToken + 2 && tokens.get(firstToken).isName("raw")) {
          raw();
          return;
        }
        afterTag(minus, !variable && !plus);
        return;
      }
      char c = src.charAt(pos);
      if (c == '\'' || c == '"') {
        string(c);
      } else if (Character.isDigit(c)) {
        number();
      } else if (Character.isLetter(c) || c == '_') {
        int s = pos;
        while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        tokens.add(new Token(Type.NAME, src.substring(s, pos), line));
      } else {
        String op = operator();
        depth += op.equals("{") ? 1 : op.equals("}") ? -1 : 0;
        tokens.add(new Token(Type.OP, op, line));
      }
    }
  }

  /** {@code {% raw %}...{% endraw %}}: the text in between is emitted verbatim. */
  private void raw() {
    tokens.remove(tokens.size() - 1);
    tokens.remove(tokens.size() - 1);
    tokens.remove(tokens.size() - 1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}").matcher(src);
    if (!m.find(pos)) {
      throw JinjaException.syntax("missing '{% endraw %}'", line);
    }
    String text = src.substring(pos, m.start());
    if (m.group(1).equals("-")) {
      text = stripTrailing(text);
    }
    emitText(text);
    line += count(src, pos, m.end());
    pos = m.end();
    afterTag(m.group(2).equals("-"), !m.group(2).equals("+"));
  }

  private String operator() {
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    throw JinjaException.syntax("unexpected character '" + src.charAt(pos) + "'", line);
  }

  private void number() {
    int s = pos;
    int n = src.length();
    while (pos < n && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    boolean isFloat = false;
    if (pos + 1 < n && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
      isFloat = true;
      pos++;
      while (pos < n && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
    }
    if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int e = pos + 1;
      if (e < n && (src.charAt(e) == '+' || src.charAt(e) == '-')) {
        e++;
      }
      if (e < n && Character.isDigit(src.charAt(e))) {
        isFloat = true;
        pos = e;
        while (pos < n && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
      }
    }
    tokens.add(
        new Token(isFloat ? Type.FLOAT : Type.INT, src.substring(s, pos).replace("_", ""), line));
  }

  /** A quoted string with Python's escapes. */
  private void string(char quote) {
    StringBuilder sb = new StringBuilder();
    int n = src.length();
    pos++;
    while (true) {
      if (pos >= n) {
        throw JinjaException.syntax("unterminated string", line);
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\n') {
        line++;
      }
      if (c != '\\' || pos >= n) {
        sb.append(c);
        continue;
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n':
          sb.append('\n');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'v':
          sb.append('\u000b');
          break;
        case 'a':
          sb.append('\u0007');
          break;
        case '0':
          sb.append('\0');
          break;
        case '\\':
          sb.append('\\');
          break;
        case '\'':
          sb.append('\'');
          break;
        case '"':
          sb.append('"');
          break;
        case '\n':
          line++;
          break;
        case 'x':
          sb.appendCodePoint(hex(2));
          break;
        case 'u':
          sb.appendCodePoint(hex(4));
          break;
        case 'U':
          sb.appendCodePoint(hex(8));
          break;
        default:
          sb.append('\\').append(e);
      }
    }
    tokens.add(new Token(Type.STRING, sb.toString(), line));
  }

  private int hex(int digits) {
    if (pos + digits > src.length()) {
      throw JinjaException.syntax("truncated escape in string", line);
    }
    try {
      int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
      pos += digits;
      return v;
    } catch (NumberFormatException e) {
      throw JinjaException.syntax("bad escape in string", line);
    }
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  private static int count(String s, int from, int to) {
    int c = 0;
    for (int i = from; i < to && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        c++;
      }
    }
    return c;
  }
}
