package dev.llmkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatChoice;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.ChatService;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ResponseFormat;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Structured output and tool calls, the same on every provider: a {@code json_schema} reply
 * validates against its schema (checked by networknt's validator), forced tool calls name offered
 * functions with schema-valid arguments and {@code call_} ids, streamed calls rebuild to valid
 * calls, and a tool choice naming an unknown function is an {@link InvalidRequestException}.
 * Subclasses need {@code jackson-databind} and {@code json-schema-validator} on the test path.
 */
public abstract class StructuredOutputContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The service under test. */
  protected abstract ChatService chatService();

  /** Model, messages and sampling for every request of this contract. */
  protected abstract ChatRequest.Builder baseRequest();

  /** The schema of {@link #jsonSchemaReplyValidates}: a person with a name and an age. */
  public static Map<String, Object> personSchema() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", Map.of("type", "string"));
    props.put("age", Map.of("type", "integer"));
    return Map.of(
        "type",
        "object",
        "properties",
        props,
        "required",
        List.of("name", "age"),
        "additionalProperties",
        false);
  }

  /** The parameters of the {@code get_weather} tool. */
  public static Map<String, Object> weatherParameters() {
    return Map.of(
        "type",
        "object",
        "properties",
        Map.of("city", Map.of("type", "string")),
        "required",
        List.of("city"),
        "additionalProperties",
        false);
  }

  /** The tool every tool case offers. */
  public static ToolDefinition weatherTool() {
    return ToolDefinition.function(
        FunctionDefinition.builder()
            .name("get_weather")
            .description("Weather in a city")
            .parameters(weatherParameters())
            .strict(true)
            .build());
  }

  protected static void assertValid(Map<String, ?> schema, String json) {
    JsonNode value;
    try {
      value = JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    assertThat(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.valueToTree(schema), config)
                .validate(value))
        .as("%s against %s", json, schema)
        .isEmpty();
  }

  private ChatRequest toolRequest() {
    return baseRequest().tools(List.of(weatherTool())).toolChoice(ToolChoice.REQUIRED).build();
  }

  private static void assertValidCalls(ChatChoice choice) {
    assertThat(choice.finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(choice.message().toolCalls()).isNotEmpty();
    Set<String> ids = new HashSet<>();
    for (ToolCall call : choice.message().toolCalls()) {
      assertThat(call.id()).startsWith("call_");
      assertThat(ids.add(call.id())).as("unique id %s", call.id()).isTrue();
      assertThat(call.name()).isEqualTo("get_weather");
      assertValid(weatherParameters(), call.arguments());
    }
  }

  @Test
  void jsonSchemaReplyValidates() {
    ChatResponse r =
        chatService()
            .chat(
                baseRequest()
                    .responseFormat(ResponseFormat.jsonSchema("person", personSchema(), true, null))
                    .build());

    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.STOP);
    assertValid(personSchema(), r.text());
  }

  @Test
  void requiredToolChoiceGivesValidCalls() {
    ChatResponse r = chatService().chat(toolRequest());

    assertValidCalls(r.choices().get(0));
  }

  @Test
  void streamedToolCallsRebuildToValidCalls() {
    ChatResponse r = ChatChunks.aggregate(chatService().stream(toolRequest())).blockingGet();

    assertValidCalls(r.choices().get(0));
  }

  @Test
  void toolChoiceNamingAnUnknownFunctionIsRejected() {
    ChatRequest bad = toolRequest().toBuilder().toolChoice(ToolChoice.function("nope")).build();

    assertThatThrownBy(() -> chatService().chat(bad))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.param()).contains("tool_choice"));
  }
}
