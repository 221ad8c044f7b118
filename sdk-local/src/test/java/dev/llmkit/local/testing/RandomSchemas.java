package dev.llmkit.local.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random JSON Schemas within the subset the local provider's constrained decoding supports, for
 * tests that check every generated output against its schema with an independent validator.
 */
public final class RandomSchemas {
  private static final String[] PATTERNS = {
    "^[a-z]{2,5}$",
    "^[A-Z][a-z]*$",
    "^(yes|no|maybe)$",
    "^\\d{3}-\\d{4}$",
    "ab+c",
    "^[^\"\\\\]{0,4}$"
  };
  private static final String[] FORMATS = {"date", "date-time", "uuid", "email", "ipv4"};
  private static final String[] WORDS = {
    "red",
    "reddish",
    "re",
    "green",
    "gr\u00fcn",
    "blue",
    "\u65e5\u672c",
    "a\"b",
    "x\\y",
    "",
    "line\nbreak"
  };

  private final Random random;

  public RandomSchemas(long seed) {
    this.random = new Random(seed);
  }

  /** A schema whose root is an object, as OpenAI's structured outputs require. */
  public Map<String, Object> object() {
    return object(3);
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String key =
          random.nextInt(5) == 0 ? "k\u00e9y" + i : (random.nextBoolean() ? "name" : "n") + i;
      props.put(key, value(depth - 1));
      if (random.nextInt(4) != 0) {
        required.add(key);
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", required);
    s.put("additionalProperties", false);
    return s;
  }

  private Map<String, Object> value(int depth) {
    int kind = random.nextInt(depth > 0 ? 13 : 10);
    Map<String, Object> s = new LinkedHashMap<>();
    switch (kind) {
      case 0:
        s.put("type", "string");
        if (random.nextBoolean()) {
          s.put("minLength", random.nextInt(3));
          s.put("maxLength", 3 + random.nextInt(6));
        }
        return s;
      case 1:
        s.put("type", "string");
        s.put("pattern", PATTERNS[random.nextInt(PATTERNS.length)]);
        return s;
      case 2:
        s.put("type", "string");
        s.put("format", FORMATS[random.nextInt(FORMATS.length)]);
        return s;
      case 3:
        s.put("type", random.nextBoolean() ? "integer" : "number");
        if (s.get("type").equals("integer") && random.nextBoolean()) { // bounds, all satisfiable
          int lo = random.nextInt(101) - 50;
          int hi = lo + 7 + random.nextInt(200);
          s.put(random.nextBoolean() ? "minimum" : "exclusiveMinimum", lo);
          if (random.nextBoolean()) {
            s.put(random.nextBoolean() ? "maximum" : "exclusiveMaximum", hi);
          }
          if (random.nextBoolean()) {
            s.put("multipleOf", 1 + random.nextInt(5));
          }
        }
        return s;
      case 4:
        s.put("type", "boolean");
        return s;
      case 5:
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          values.add(WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextBoolean()) {
          values.add(random.nextBoolean() ? 1.5e3 : -7);
        }
        s.put("enum", values.stream().distinct().toList());
        return s;
      case 6:
        s.put("const", random.nextBoolean() ? "fixed" : 2.5e-3);
        return s;
      case 7:
        s.put("type", List.of(random.nextBoolean() ? "string" : "integer", "null"));
        return s;
      case 8:
        s.put("type", "null");
        return s;
      case 9:
        s.put(
            "anyOf", List.of(Map.of("type", "integer"), Map.of("type", "string", "maxLength", 4)));
        return s;
      case 10:
      case 11:
        s.put("type", "array");
        s.put("items", value(depth - 1));
        int min = random.nextInt(2);
        s.put("minItems", min);
        s.put("maxItems", min + random.nextInt(3));
        return s;
      default:
        return object(depth - 1);
    }
  }
}
