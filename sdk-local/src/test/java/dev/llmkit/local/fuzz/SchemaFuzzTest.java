package dev.llmkit.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.local.LocalClient;
import dev.llmkit.local.testing.SharedModels;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the structured-output constraint compiler through the public API: any
 * JSON object given as a {@code json_schema} response format on stories260K either is refused with
 * a 400 ({@link InvalidRequestException} naming keyword and path) or constrains the output, and
 * then every choice that finished with "stop" validates against the schema (networknt
 * json-schema-validator). Each input must finish within 30 s (a per-input time limit; a hang is a
 * finding); anything else, OutOfMemoryError included, is a finding. Inputs that are not a JSON
 * object are skipped: they never reach the compiler.
 */
class SchemaFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalClient client;

  private static synchronized LocalClient client() {
    if (client == null) {
      client =
          LocalClient.builder()
              .model(SharedModels.resolve("stories260K/stories260K.gguf"))
              .contextSize(256)
              .threads(1)
              .build();
    }
    return client;
  }

  @AfterAll
  static synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void anySchemaIsRefusedWithA400OrConstrainsTheOutput(FuzzedDataProvider data) {
    Map<String, Object> schema;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = JSON.readValue(data.consumeRemainingAsString(), Map.class);
      schema = parsed;
    } catch (Exception notAJsonObject) {
      return;
    }
    if (schema == null) {
      return;
    }
    ChatRequest request =
        ChatRequest.builder()
            .model("local")
            .addUserMessage("Tell me a story.")
            .responseFormat(ResponseFormat.jsonSchema("fuzz", schema, true, null))
            .temperature(1.0)
            .seed(7L)
            .maxCompletionTokens(32)
            .build();
    ChatResponse response;
    try {
      response =
          ChatChunks.aggregate(client().chat().stream(request))
              .timeout(30, TimeUnit.SECONDS)
              .blockingGet();
    } catch (InvalidRequestException refused) {
      assertThat(refused.statusCode()).isEqualTo(400);
      return;
    }
    for (ChatChoice choice : response.choices()) {
      if (choice.finishReason().orElseThrow().equals(FinishReason.STOP)) {
        assertValid(schema, choice.message().text());
      }
    }
  }

  private static void assertValid(Map<String, Object> schema, String output) {
    JsonNode value;
    try {
      value = JSON.readTree(output);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + output + " for schema " + schema, e);
    }
    com.networknt.schema.JsonSchema validator;
    try {
      validator =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(JSON.valueToTree(schema));
    } catch (RuntimeException cannotJudge) { // a schema the reference validator cannot load
      return;
    }
    assertThat(validator.validate(value)).as("output %s for schema %s", output, schema).isEmpty();
  }
}
