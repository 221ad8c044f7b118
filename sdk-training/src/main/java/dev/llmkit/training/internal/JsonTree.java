package dev.llmkit.training.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses one JSONL line with jackson-core's streaming parser into plain Java values ({@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, null) and computes a 64-bit hash
 * of its token stream, so duplicate detection needs 8 bytes per example instead of the line.
 */
public final class JsonTree {
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final @Nullable Object value;
  private final long hash;

  private JsonTree(@Nullable Object value, long hash) {
    this.value = value;
    this.hash = hash;
  }

  /** The parsed value. */
  public @Nullable Object value() {
    return value;
  }

  /** A hash of the value that ignores insignificant whitespace but not key order. */
  public long hash() {
    return hash;
  }

  /**
   * Parses {@code text}, which must hold exactly one JSON value.
   *
   * @throws MalformedJsonException with the parser's description and column
   */
  public static JsonTree parse(String text) throws MalformedJsonException {
    try (JsonParser p = FACTORY.createParser(text)) {
      Hasher hasher = new Hasher();
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new MalformedJsonException("no JSON value", 1);
      }
      Object value = read(p, hasher);
      if (p.nextToken() != null) {
        throw new MalformedJsonException(
            "extra content after the JSON value", p.currentLocation().getColumnNr());
      }
      return new JsonTree(value, mix(hasher.h));
    } catch (MalformedJsonException e) {
      throw e;
    } catch (IOException e) {
      String msg =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
              ? jpe.getOriginalMessage()
              : e.getMessage();
      int column =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? jpe.getLocation().getColumnNr()
              : 0;
      throw new MalformedJsonException(String.valueOf(msg), column);
    }
  }

  private static @Nullable Object read(JsonParser p, Hasher h) throws IOException {
    JsonToken t = p.currentToken();
    h.add(t.id());
    switch (t) {
      case START_OBJECT:
        {
          Map<String, @Nullable Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            h.add(name);
            p.nextToken();
            map.put(name, read(p, h));
          }
          h.add(JsonToken.END_OBJECT.id());
          return map;
        }
      case START_ARRAY:
        {
          List<@Nullable Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(p, h));
          }
          h.add(JsonToken.END_ARRAY.id());
          return list;
        }
      case VALUE_STRING:
        String s = p.getText();
        h.add(s);
        return s;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        h.add(p.getText());
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  /** Writes {@code value} as compact JSON. */
  public static String write(@Nullable Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else {
      g.writeString(String.valueOf(value));
    }
  }

  /** FNV-1a over token ids and texts, with a final avalanche so similar lines spread apart. */
  private static final class Hasher {
    long h = FNV_OFFSET;

    void add(int id) {
      h = (h ^ (id & 0xff)) * FNV_PRIME;
    }

    void add(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * FNV_PRIME;
      }
      h = (h ^ 0xff) * FNV_PRIME; // terminator, so "ab","c" differs from "a","bc"
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** A line that is not one well-formed JSON value. */
  public static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    MalformedJsonException(String message, int column) {
      super(message);
      this.column = column;
    }

    /** The 1-based column of the problem, 0 if unknown. */
    public int column() {
      return column;
    }
  }
}
