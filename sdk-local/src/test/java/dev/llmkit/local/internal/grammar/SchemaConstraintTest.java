package dev.llmkit.local.internal.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schemas compiled to constraints: every random output validates against its schema. */
class SchemaConstraintTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestVocab VOCAB = new TestVocab(7, 400);

  static void assertAlwaysValid(String schemaJson, int runs, int budget) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = JSON.readValue(schemaJson, Map.class);
    TokenMasks masks = new TokenMasks(Grammar.ofSchema(schema), VOCAB.trie);
    JsonSchema validator = validator(JSON.readTree(schemaJson));
    int complete = 0;
    for (int seed = 0; seed < runs; seed++) {
      RandomDecoder.Output out = RandomDecoder.run(VOCAB, masks, seed, budget, null);
      if (!out.complete()) {
        continue;
      }
      complete++;
      JsonNode value = JSON.readTree(out.text());
      Set<ValidationMessage> errors = validator.validate(value);
      assertThat(errors).as("output %s for schema %s", out.text(), schemaJson).isEmpty();
    }
    assertThat(complete).as("runs that completed within %d tokens", budget).isGreaterThan(runs / 2);
  }

  static JsonSchema validator(JsonNode schema) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
  }

  @Test
  void objectWithTypedPropertiesInOrder() throws Exception {
    assertAlwaysValid(
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"age\":{\"type\":\"integer\"},\"ok\":{\"type\":\"boolean\"},\"x\":{\"type\":\"null\"}},"
            + "\"required\":[\"name\",\"age\",\"ok\",\"x\"],\"additionalProperties\":false}",
        30,
        300);
  }

  @Test
  void deepNestingClosesWithinTheBudget() throws Exception {
    assertAlwaysValid(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\","
            + "\"properties\":{\"d\":{\"type\":\"array\",\"items\":{\"type\":\"array\","
            + "\"items\":{\"type\":\"number\"},\"minItems\":1},\"minItems\":1}},"
            + "\"required\":[\"d\"]}},\"required\":[\"a\"]}",
        20,
        40);
  }

  @Test
  void toolCallsFollowTheSyntaxAndTheArgumentSchema() throws Exception {
    Map<String, Object> params =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("city", Map.of("type", "string")),
            "required",
            java.util.List.of("city"),
            "additionalProperties",
            false);
    for (ToolGrammar.Syntax syntax :
        java.util.List.of(
            ToolGrammar.Syntax.HERMES, ToolGrammar.Syntax.LLAMA_JSON, ToolGrammar.Syntax.MISTRAL)) {
      Grammar g =
          ToolGrammar.of(
              syntax,
              java.util.List.of(
                  new ToolGrammar.Function("get_weather", params, true),
                  new ToolGrammar.Function("get_time", Map.of(), false)),
              java.util.List.of(0, 1),
              true);
      TokenMasks masks = new TokenMasks(g, VOCAB.trie);
      for (int seed = 0; seed < 10; seed++) {
        RandomDecoder.Output out = RandomDecoder.run(VOCAB, masks, seed, 200, null);
        assertThat(out.text())
            .startsWith(syntax.open() + syntax.prefix())
            .endsWith(syntax.suffix() + syntax.close());
      }
    }
  }

  @Test
  void integerBoundsAndMultiplesHold() throws Exception {
    for (String bounds :
        new String[] {
          "\"minimum\":-7,\"maximum\":12",
          "\"exclusiveMinimum\":99," + "\"exclusiveMaximum\":1003,\"multipleOf\":9",
          "\"minimum\":-1000,\"maximum\":-990",
          "\"maximum\":-5,\"multipleOf\":5",
          "\"minimum\":0,\"maximum\":0",
          "\"minimum\":123456789012,\"multipleOf\":1000"
        }) {
      assertAlwaysValid(
          "{\"type\":\"array\",\"items\":{\"type\":\"integer\","
              + bounds
              + "},\"minItems\":3,\"maxItems\":3}",
          20,
          120);
    }
  }

  @Test
  void disjointOneOfAndMergedAllOfHold() throws Exception {
    assertAlwaysValid(
        "{\"type\":\"array\",\"items\":{\"oneOf\":[{\"type\":\"object\","
            + "\"properties\":{\"k\":{\"const\":\"a\"},\"v\":{\"type\":\"integer\"}},\"required\":"
            + "[\"k\",\"v\"]},{\"type\":\"object\",\"properties\":{\"k\":{\"const\":\"b\"}},"
            + "\"required\":[\"k\"]},{\"type\":\"string\"},{\"enum\":[1,2]}]},\"maxItems\":4}",
        40,
        200);
    assertAlwaysValid(
        "{\"allOf\":[{\"properties\":{\"a\":{\"type\":\"integer\"}},"
            + "\"required\":[\"a\"]},{\"type\":\"object\",\"properties\":{\"b\":{\"type\":"
            + "\"boolean\"}},\"required\":[\"b\"]}]}",
        30,
        200);
  }

  @Test
  void anyObject() throws Exception {
    assertAlwaysValid("{\"type\":\"object\"}", 30, 200);
  }

  @Test
  void unsupportedKeywordNamesItsPath() {
    assertThatThrownBy(
            () ->
                Grammar.ofSchema(
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("n", Map.of("type", "number", "minimum", 3)))))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("#/properties/n/minimum")
        .hasMessageContaining("'minimum'");
  }
}
