package dev.llmkit.local.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesWithPythonStyleSeparatorsAndKeepsKeyOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", List.of(true, false, "x"));
    map.put("n", null);
    map.put("f", 2.5);

    assertThat(Json.write(map))
        .isEqualTo("{\"b\": 1, \"a\": [true, false, \"x\"], \"n\": null, \"f\": 2.5}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersButNotUnicode() {
    String s = "q\"b\\n\nt\tc\u0001é😀</";

    assertThat(Json.write(s)).isEqualTo("\"q\\\"b\\\\n\\nt\\tc\\u0001é😀</\"");
  }

  @Test
  void parsesWhatItWrites() {
    String json =
        "{\"s\": \"a\\\"b\\u00e9\\n\", \"i\": -12, \"d\": 1.5e3, \"l\": [1, {\"k\": null}], \"t\": true}";

    Map<String, Object> parsed = Json.parseObject(json);

    assertThat(parsed)
        .containsEntry("s", "a\"bé\n")
        .containsEntry("i", -12L)
        .containsEntry("d", 1500.0)
        .containsEntry("t", true);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("k", null);
    assertThat(parsed.get("l")).isEqualTo(Arrays.asList(1L, inner));
    assertThat(Json.write(parsed))
        .isEqualTo(
            "{\"s\": \"a\\\"bé\\n\", \"i\": -12, \"d\": 1500.0, \"l\": [1, {\"k\": null}],"
                + " \"t\": true}");
  }

  @Test
  void bigIntegersKeepTheirDigits() {
    Object v = Json.parse("123456789012345678901234567890");

    assertThat(v).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void prettyPrintsLikePythonIndent() {
    Object v = Json.parse("{\"a\": [1, 2], \"b\": {}, \"c\": []}");

    assertThat(Json.writePretty(v, 2))
        .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}");
  }

  @Test
  void rejectsMalformedInputWithTheOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 8");
    assertThatThrownBy(() -> Json.parse("[1] x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> Json.parse("\"\\q\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("01x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object");
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> Json.parse(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void refusesValuesJsonCannotRepresent() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
  }
}
