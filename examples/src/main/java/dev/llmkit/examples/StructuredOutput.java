package dev.llmkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ResponseFormat;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Asks for JSON that follows a JSON Schema ({@code response_format: json_schema}, strict), then
 * reads the fields. The local provider constrains generation to the schema, so this runs unchanged
 * on it.
 *
 * <pre>
 * mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.llmkit.examples.StructuredOutput -Dllmkit.provider=openai
 * </pre>
 */
public final class StructuredOutput {
  static final Map<String, Object> CITY_SCHEMA =
      Map.of(
          "type",
          "object",
          "additionalProperties",
          false,
          "required",
          List.of("name", "country", "population"),
          "properties",
          Map.of(
              "name", Map.of("type", "string"),
              "country", Map.of("type", "string"),
              "population", Map.of("type", "integer")));

  private StructuredOutput() {}

  public static void main(String[] args) throws Exception {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, "Tell me about the largest city of Japan.");
    }
  }

  /** Returns the parsed JSON answer to {@code question} and prints its fields. */
  static JsonNode run(LlmClient llm, PrintStream out, String question) throws Exception {
    ChatRequest request =
        ChatRequest.builder()
            .model(ChatQuickstart.MODEL)
            .addUserMessage(question)
            .responseFormat(ResponseFormat.jsonSchema("city", CITY_SCHEMA))
            .build();

    String json = llm.chat().chat(request).text();
    JsonNode city = new ObjectMapper().readTree(json);

    out.println(
        city.path("name").asText()
            + ", "
            + city.path("country").asText()
            + ": population "
            + city.path("population").asLong());
    return city;
  }
}
