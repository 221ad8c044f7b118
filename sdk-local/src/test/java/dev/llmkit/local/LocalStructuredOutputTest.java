package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.local.testing.RandomSchemas;
import dev.llmkit.local.testing.SharedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structured output ({@code response_format: json_schema}) on stories260K, a model that knows
 * nothing of JSON: decoding is constrained, so every reply must still validate against its schema.
 * Each output is checked by an independent validator (networknt json-schema-validator).
 */
class LocalStructuredOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalClient client;

  @BeforeAll
  static void load() {
    client =
        LocalClient.builder()
            .model(SharedModels.resolve("stories260K/stories260K.gguf"))
            .contextSize(512)
            .threads(1)
            .build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static ChatRequest.Builder ask(Map<String, ?> schema) {
    return ChatRequest.builder()
        .model("m")
        .addUserMessage("Tell me about Lily.")
        .responseFormat(ResponseFormat.jsonSchema("answer", schema, true, null))
        .temperature(1.0)
        .maxCompletionTokens(300);
  }

  private static Map<String, Object> parse(String json) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.readValue(json, Map.class);
    return m;
  }

  static void assertValid(Map<String, ?> schema, String output) {
    JsonNode schemaNode = JSON.valueToTree(schema);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    JsonNode value;
    try {
      value = JSON.readTree(output);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + output + " for schema " + schemaNode, e);
    }
    assertThat(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaNode, config)
                .validate(value))
        .as("output %s for schema %s", output, schemaNode)
        .isEmpty();
  }

  /** Validates every choice that finished with "stop"; returns how many did. */
  private static int assertChoicesValid(Map<String, ?> schema, ChatResponse r) {
    int stopped = 0;
    for (ChatChoice c : r.choices()) {
      if (c.finishReason().orElseThrow().equals(FinishReason.STOP)) {
        stopped++;
        assertValid(schema, c.message().text());
      }
    }
    return stopped;
  }

  @Test
  void randomSchemasAlwaysGiveValidOutput() {
    int stopped = 0;
    int total = 0;
    for (int seed = 0; seed < 12; seed++) {
      Map<String, Object> schema = new RandomSchemas(seed).object();
      ChatResponse r =
          client.chat().chat(ask(schema).seed(seed).n(2).maxCompletionTokens(100).build());
      stopped += assertChoicesValid(schema, r);
      total += r.choices().size();
    }
    assertThat(stopped).as("choices completed within the token limit").isGreaterThan(total * 3 / 4);
  }

  @Test
  void hardSchemasGiveValidOutput() throws Exception {
    List<String> schemas =
        List.of(
            // recursion through $defs, with a way out
            "{\"type\":\"object\",\"properties\":{\"root\":{\"$ref\":\"#/$defs/node\"}},"
                + "\"required\":[\"root\"],\"additionalProperties\":false,\"$defs\":{\"node\":"
                + "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"integer\"},\"kids\":"
                + "{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/node\"},\"maxItems\":2}},"
                + "\"required\":[\"v\",\"kids\"],\"additionalProperties\":false}}}",
            // deep nesting
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":"
                + "{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"object\",\"properties\":{\"d\":"
                + "{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},"
                + "\"minItems\":1},\"minItems\":1}},\"required\":[\"d\"]}},\"required\":[\"c\"]}},"
                + "\"required\":[\"b\"]}},\"required\":[\"a\"]}",
            // enums sharing prefixes, numbers with exponents, unicode keys
            "{\"type\":\"object\",\"properties\":{\"\u00fcber\":{\"enum\":[\"re\",\"red\",\"reddish\","
                + "\"redder\"]},\"\u65e5\u672c\":{\"enum\":[1e3,1.5E-7,-2e+2,12]},\"z\":{\"const\":"
                + "{\"k\":[1,\"x\",null]}}},\"required\":[\"\u00fcber\",\"\u65e5\u672c\",\"z\"],"
                + "\"additionalProperties\":false}",
            // anyOf of objects sharing a first key, and nullable unions
            "{\"type\":\"object\",\"properties\":{\"item\":{\"anyOf\":[{\"type\":\"object\","
                + "\"properties\":{\"kind\":{\"const\":\"a\"},\"n\":{\"type\":\"integer\"}},"
                + "\"required\":[\"kind\",\"n\"],\"additionalProperties\":false},{\"type\":\"object\","
                + "\"properties\":{\"kind\":{\"const\":\"b\"},\"s\":{\"type\":[\"string\",\"null\"]}},"
                + "\"required\":[\"kind\",\"s\"],\"additionalProperties\":false}]}},\"required\":"
                + "[\"item\"],\"additionalProperties\":false}",
            // string bounds and formats
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":"
                + "\"^[A-Z]{2}-\\\\d{2,3}$\"},\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
                + "\"id\":{\"type\":\"string\",\"format\":\"uuid\"},\"mail\":{\"type\":\"string\","
                + "\"format\":\"email\"},\"short\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}},"
                + "\"required\":[\"code\",\"when\",\"id\",\"mail\",\"short\"],"
                + "\"additionalProperties\":false}");
    for (String s : schemas) {
      Map<String, Object> schema = parse(s);
      ChatResponse r =
          client.chat().chat(ask(schema).n(2).seed(1L).maxCompletionTokens(160).build());
      assertThat(assertChoicesValid(schema, r)).as("completed choices for %s", s).isPositive();
    }
  }

  @Test
  void integerBoundsOneOfAndAllOfGiveValidOutput() throws Exception {
    List<String> schemas =
        List.of(
            // integer ranges: negative, exclusive, multiples, one value, huge
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":-120,"
                + "\"maximum\":-3},\"b\":{\"type\":\"integer\",\"exclusiveMinimum\":9,"
                + "\"exclusiveMaximum\":101,\"multipleOf\":7},\"c\":{\"type\":\"integer\","
                + "\"minimum\":1000000,\"multipleOf\":250},\"d\":{\"type\":[\"integer\",\"null\"],"
                + "\"minimum\":42,\"maximum\":42},\"e\":{\"type\":\"integer\",\"maximum\":-1000000}},"
                + "\"required\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"additionalProperties\":false}",
            // a tagged union with oneOf, branches behind $ref; allOf of one $ref (as Pydantic
            // writes)
            "{\"type\":\"object\",\"properties\":{\"shape\":{\"oneOf\":[{\"$ref\":"
                + "\"#/$defs/circle\"},{\"$ref\":\"#/$defs/square\"}]},\"main\":{\"allOf\":[{\"$ref\":"
                + "\"#/$defs/circle\"}],\"description\":\"the main one\"},\"kind\":{\"oneOf\":["
                + "{\"type\":\"integer\",\"minimum\":0},{\"type\":\"string\",\"maxLength\":3},"
                + "{\"type\":\"null\"}]}},\"required\":[\"shape\",\"main\",\"kind\"],"
                + "\"additionalProperties\":false,\"$defs\":{\"circle\":{\"type\":\"object\","
                + "\"properties\":{\"t\":{\"const\":\"circle\"},\"r\":{\"type\":\"integer\","
                + "\"minimum\":1,\"maximum\":9}},\"required\":[\"t\",\"r\"],"
                + "\"additionalProperties\":false},\"square\":{\"type\":\"object\",\"properties\":"
                + "{\"t\":{\"enum\":[\"square\",\"box\"]},\"side\":{\"type\":\"number\"}},"
                + "\"required\":[\"t\",\"side\"],\"additionalProperties\":false}}}",
            // allOf of object schemas, merged
            "{\"allOf\":[{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\","
                + "\"minimum\":1}},\"required\":[\"id\"]},{\"properties\":{\"name\":{\"type\":"
                + "\"string\",\"maxLength\":5}},\"required\":[\"name\"]}]}");
    for (String s : schemas) {
      Map<String, Object> schema = parse(s);
      ChatResponse r =
          client.chat().chat(ask(schema).n(3).seed(2L).maxCompletionTokens(200).build());
      assertThat(assertChoicesValid(schema, r)).as("completed choices for %s", s).isPositive();
    }
  }

  @Test
  void streamedChunksConcatenateToValidJsonAndStopStringsDoNotCutIt() throws Exception {
    Map<String, Object> schema =
        parse(
            "{\"type\":\"object\",\"properties\":{\"story\":"
                + "{\"type\":\"string\"},\"n\":{\"type\":\"integer\"}},\"required\":[\"story\",\"n\"],"
                + "\"additionalProperties\":false}");
    List<ChatChunk> chunks =
        client.chat().stream(ask(schema).seed(3L).stop(List.of("\"", ",")).build())
            .toList()
            .blockingGet();

    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
    assertValid(schema, text.toString());
    assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
        .contains(FinishReason.STOP);
  }

  @Test
  void aTokenLimitBeforeTheJsonClosesEndsWithLength() throws Exception {
    Map<String, Object> schema =
        parse(
            "{\"type\":\"object\",\"properties\":{\"a\":"
                + "{\"type\":\"string\",\"minLength\":50}},\"required\":[\"a\"]}");

    ChatResponse r = client.chat().chat(ask(schema).maxCompletionTokens(5).build());

    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.LENGTH);
    assertThat(r.text()).startsWith("{");
  }

  @Test
  void anUnsupportedKeywordIsA400NamingItsPath() {
    Map<String, Object> schema =
        Map.of(
            "type", "object", "properties", Map.of("age", Map.of("type", "number", "minimum", 0)));
    Map<String, Object> not =
        Map.of(
            "type", "object", "properties", Map.of("x", Map.of("not", Map.of("type", "string"))));
    Map<String, Object> overlapping =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "x",
                Map.of("oneOf", List.of(Map.of("type", "integer"), Map.of("type", "number")))));
    Map<String, Object> unmergeable =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "x", Map.of("allOf", List.of(Map.of("type", "string"), Map.of("maxLength", 3)))));
    Map<String, Object> empty =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("n", Map.of("type", "integer", "minimum", 5, "maximum", 9, "multipleOf", 10)));

    assertThatThrownBy(() -> client.chat().chat(ask(schema).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.param()).contains("response_format.json_schema.schema");
              assertThat(e.getMessage()).contains("#/properties/age/minimum", "'minimum'");
            });
    assertThatThrownBy(() -> client.chat().chat(ask(not).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/properties/x/not");
    assertThatThrownBy(() -> client.chat().chat(ask(overlapping).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/properties/x/oneOf")
        .hasMessageContaining("anyOf");
    assertThatThrownBy(() -> client.chat().chat(ask(unmergeable).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/properties/x/allOf/0/type");
    assertThatThrownBy(() -> client.chat().chat(ask(empty).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/properties/n")
        .hasMessageContaining("no integer");
  }

  @Test
  void invalidAndOversizedSchemasAre400s() {
    Map<String, Object> badType =
        Map.of("type", "object", "properties", Map.of("x", Map.of("type", "text")));
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add("v" + i);
    }
    Map<String, Object> huge =
        Map.of("type", "object", "properties", Map.of("x", Map.of("enum", many)));
    Map<String, Object> badRef =
        Map.of("type", "object", "properties", Map.of("x", Map.of("$ref", "#/$defs/missing")));

    assertThatThrownBy(() -> client.chat().chat(ask(badType).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/properties/x/type");
    assertThatThrownBy(() -> client.chat().chat(ask(huge).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> client.chat().chat(ask(badRef).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("#/$defs/missing");
  }
}
