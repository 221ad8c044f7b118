package dev.llmkit.local.internal.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON writer and reader for tool definitions, tool calls, training data and job files
 * (sdk-local depends on no JSON library).
 *
 * <p>Values are {@code Map<String, ?>} (objects, order kept), {@code List<?>} (arrays), {@code
 * String}, {@code Number}, {@code Boolean} and {@code null}. The reader returns {@link
 * LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long} for integers that fit, {@link
 * BigInteger} for larger ones, {@link Double} for other numbers, {@link Boolean} and null.
 */
public final class Json {
  static final int MAX_DEPTH = 512;

  private Json() {}

  /**
   * Writes compact JSON with {@code ", "} and {@code ": "} separators (Python {@code json.dumps}
   * style).
   */
  public static String write(@Nullable Object value) {
    return JsonWriter.write(value);
  }

  /**
   * Writes JSON indented by {@code indent} spaces per level, like Python's {@code json.dumps(value,
   * indent=indent)} (and Jinja's {@code tojson(indent=...)}).
   */
  public static String writePretty(@Nullable Object value, int indent) {
    return JsonWriter.writePretty(value, indent);
  }

  /**
   * Appends {@code s} as a JSON string literal, as Python's {@code json.dumps(ensure_ascii=False)}.
   */
  public static void quote(String s, StringBuilder sb) {
    JsonWriter.quote(s, sb);
  }

  /**
   * Parses one JSON value; surrounding whitespace is allowed, anything else after it is not.
   *
   * @throws IllegalArgumentException with the offset if the text is not valid JSON
   */
  public static @Nullable Object parse(String text) {
    Objects.requireNonNull(text, "text");
    JsonReader r = new JsonReader(text);
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
}
