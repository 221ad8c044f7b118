package dev.llmkit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChatRequestTest {
  private static ChatRequest.Builder minimal() {
    return ChatRequest.builder().model("gpt-4o-mini").addUserMessage("Hello");
  }

  @Test
  void builderKeepsEveryOption() {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of());
    ToolDefinition tool =
        ToolDefinition.function(FunctionDefinition.of("get_weather", "Weather by city", schema));

    ChatRequest request =
        minimal()
            .addSystemMessage("Be brief.")
            .temperature(0.7)
            .topP(0.9)
            .n(2)
            .stop(List.of("\n\n", "END"))
            .maxCompletionTokens(100)
            .maxTokens(50)
            .presencePenalty(-1.5)
            .frequencyPenalty(2.0)
            .logitBias(Map.of("50256", -100))
            .seed(42L)
            .logprobs(true)
            .topLogprobs(20)
            .user("user-1")
            .reasoningEffort(ReasoningEffort.LOW)
            .streamIncludeUsage(true)
            .tools(List.of(tool))
            .toolChoice(ToolChoice.function("get_weather"))
            .parallelToolCalls(false)
            .responseFormat(ResponseFormat.jsonSchema("answer", schema))
            .extraBody(Map.of("store", true))
            .build();

    assertThat(request.messages())
        .extracting(ChatMessage::role)
        .containsExactly(Role.USER, Role.SYSTEM);
    assertThat(request.temperature()).isEqualTo(0.7);
    assertThat(request.stop()).containsExactly("\n\n", "END");
    assertThat(request.logitBias()).containsEntry("50256", -100);
    assertThat(request.topLogprobs()).isEqualTo(20);
    assertThat(request.reasoningEffort()).isEqualTo(ReasoningEffort.LOW);
    assertThat(request.tools()).containsExactly(tool);
    assertThat(request.toolChoice().functionName()).contains("get_weather");
    assertThat(request.responseFormat().type()).isEqualTo("json_schema");
    assertThat(request.responseFormat().strict()).contains(true);
    assertThat(request.extraBody()).containsEntry("store", true);
    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
  }

  @Test
  void optionsDefaultToProviderDefaults() {
    ChatRequest request = minimal().build();

    assertThat(request.temperature()).isNull();
    assertThat(request.n()).isNull();
    assertThat(request.stop()).isEmpty();
    assertThat(request.tools()).isEmpty();
    assertThat(request.extraBody()).isEmpty();
  }

  static List<Arguments> invalidRequests() {
    return List.of(
        bad(b -> b.model(" "), "model is blank; a non-empty value is required"),
        bad(b -> b.messages(List.of()), "messages is empty; a request needs at least one message"),
        bad(b -> b.temperature(2.5), "temperature is 2.5; allowed range is 0 to 2"),
        bad(b -> b.temperature(-0.1), "temperature is -0.1; allowed range is 0 to 2"),
        bad(b -> b.topP(1.2), "topP is 1.2; allowed range is 0 to 1"),
        bad(b -> b.n(0), "n is 0; it must be at least 1"),
        bad(b -> b.logprobs(true).topLogprobs(21), "topLogprobs is 21; allowed range is 0 to 20"),
        bad(
            b -> b.topLogprobs(3),
            "topLogprobs is set but logprobs is not true; set logprobs(true) as well"),
        bad(b -> b.presencePenalty(-2.1), "presencePenalty is -2.1; allowed range is -2 to 2"),
        bad(b -> b.frequencyPenalty(3.0), "frequencyPenalty is 3.0; allowed range is -2 to 2"),
        bad(
            b -> b.stop(List.of("a", "b", "c", "d", "e")),
            "stop has 5 entries; at most 4 are allowed"),
        bad(
            b -> b.logitBias(Map.of("1", 101)),
            "logitBias[1] is 101; allowed range is -100 to 100"),
        bad(b -> b.maxCompletionTokens(0), "maxCompletionTokens is 0; it must be at least 1"),
        bad(b -> b.temperature(Double.NaN), "temperature is NaN; allowed range is 0 to 2"));
  }

  private static Arguments bad(UnaryOperator<ChatRequest.Builder> change, String message) {
    return Arguments.of(change, message);
  }

  @ParameterizedTest
  @MethodSource("invalidRequests")
  void buildRejectsInvalidOptionsSayingWhatIsAllowed(
      UnaryOperator<ChatRequest.Builder> change, String message) {
    ChatRequest.Builder builder = change.apply(minimal());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void missingModelIsANullPointerNamingModel() {
    ChatRequest.Builder builder = ChatRequest.builder().addUserMessage("Hi");

    assertThatThrownBy(builder::build)
        .isInstanceOf(NullPointerException.class)
        .hasMessage("model == null");
  }

  @Test
  void toStringNeverPrintsMessageText() {
    ChatRequest request = minimal().addUserMessage("my secret plan").build();

    assertThat(request.toString())
        .contains("gpt-4o-mini")
        .contains("messages=2")
        .doesNotContain("secret");
  }

  @Test
  void toBuilderDoesNotChangeOriginal() {
    ChatRequest original = minimal().build();

    ChatRequest changed = original.toBuilder().addUserMessage("more").temperature(1.0).build();

    assertThat(original.messages()).hasSize(1);
    assertThat(original.temperature()).isNull();
    assertThat(changed.messages()).hasSize(2);
    assertThat(changed).isNotEqualTo(original);
  }

  @Test
  void listsAreImmutable() {
    ChatRequest request = minimal().build();

    assertThatThrownBy(() -> request.messages().add(ChatMessage.user("x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidFunctionAndSchemaNamesAreRejected() {
    assertThatThrownBy(() -> FunctionDefinition.of("get weather", null, Map.of()))
        .hasMessage(
            "name 'get weather' is invalid; use 1 to 64 letters, digits, underscores or dashes");
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("a.b", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolChoice.mode("function"))
        .hasMessage("mode 'function' needs a name; use function(name)");
  }
}
