package dev.llmkit.local.internal.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON writer and reader for tool definitions and tool calls (sdk-local depends on no
 * JSON library).
 *
 * <p>Values are {@code Map<String, ?>} (objects, order kept), {@code List<?>} (arrays),
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. The reader returns
 * {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long} for integers that fit,
 * {@link BigInteger} for larger ones, {@link Double} for other numbers, {@link Boolean} and null.
 */
public final class Json {
  private static final int MAX_DEPTH = 512;

  private Json() {}

  /** Writes compact JSON with {@code ", "} and {@code ": "} separators (Python {@code json.dumps} style). */
  public static String write(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private static void write(@Nullable Object value, StringBuilder sb, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
    }
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      quote((String) value, sb);
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Number) {
      writeNumber((Number) value, sb);
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        sb.append(first ? "" : ", ");
        first = false;
        quote((String) e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else if (value instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        sb.append(first ? "" : ", ");
        first = false;
        write(item, sb, depth + 1);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeNumber(Number n, StringBuilder sb) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no representation for " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d).append(".0");
      } else {
        sb.append(d);
      }
    } else if (n instanceof BigDecimal) {
      sb.append(((BigDecimal) n).toString());
    } else {
      sb.append(n.toString());
    }
  }

  /** Appends {@code s} as a JSON string literal; non-ASCII is kept as is. */
  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * Parses one JSON value; surrounding whitespace is allowed, anything else after it is not.
   *
   * @throws IllegalArgumentException with the offset if the text is not valid JSON
   */
  public static @Nullable Object parse(String text) {
    Objects.requireNonNull(text, "text");
    Reader r = new Reader(text);
    Object v = r.value(0);
    r.skipWhitespace();
    if (r.pos != text.length()) {
      throw r.error("unexpected trailing characters");
    }
    return v;
  }

  /** Parses a JSON object; IllegalArgumentException if the text is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, @Nullable Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, @Nullable Object>) v;
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    @Nullable Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      skipWhitespace();
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{': return object(depth);
        case '[': return array(depth);
        case '"': return string();
        case 't': return literal("true", Boolean.TRUE);
        case 'f': return literal("false", Boolean.FALSE);
        case 'n': return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private @Nullable Object literal(String word, @Nullable Object v) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return v;
    }

    private Map<String, @Nullable Object> object(int depth) {
      pos++;
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        map.put(key, value(depth + 1));
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect('}');
        return map;
      }
    }

    private List<@Nullable Object> array(int depth) {
      pos++;
      List<@Nullable Object> list = new ArrayList<>();
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value(depth + 1));
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(']');
        return list;
      }
    }

    private void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private String string() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"': case '\\': case '/': sb.append(e); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
            break;
          default:
            throw error("bad escape '\\" + e + "'");
        }
      }
    }

    private Object number() {
      int begin = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      int digits = skipDigits();
      if (digits == 0) {
        throw error("expected digits");
      }
      boolean integral = true;
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        integral = false;
        if (skipDigits() == 0) {
          throw error("expected digits after '.'");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        integral = false;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (skipDigits() == 0) {
          throw error("expected exponent digits");
        }
      }
      String t = s.substring(begin, pos);
      if (!integral) {
        return Double.parseDouble(t);
      }
      BigInteger big = new BigInteger(t);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private int skipDigits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos - start;
    }
  }
}
