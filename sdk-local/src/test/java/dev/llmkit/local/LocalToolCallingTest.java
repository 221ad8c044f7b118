package dev.llmkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.InvalidRequestException;
import dev.llmkit.chat.ChatChunk;
import dev.llmkit.chat.ChatChunks;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ChatResponse;
import dev.llmkit.chat.FinishReason;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolCallDelta;
import dev.llmkit.chat.ToolChoice;
import dev.llmkit.chat.ToolDefinition;
import dev.llmkit.local.testing.ChatModels;
import dev.llmkit.local.testing.SharedModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool calling on random-weight models with ChatML/Hermes, Llama 3.1 and Mistral Nemo (its real
 * template) templates: forced calls ("required", a named function) and "auto" calls are constrained
 * to the template's syntax and the function's parameter schema, so even a model that knows nothing
 * produces valid calls.
 */
class LocalToolCallingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> WEATHER_PARAMS =
      Map.of(
          "type",
          "object",
          "properties",
          ordered(
              "city",
              Map.of("type", "string", "maxLength", 12),
              "unit",
              Map.of("enum", List.of("celsius", "fahrenheit"))),
          "required",
          List.of("city", "unit"),
          "additionalProperties",
          false);
  private static final ToolDefinition WEATHER =
      ToolDefinition.function(
          FunctionDefinition.builder()
              .name("get_weather")
              .description("Weather in a city")
              .parameters(WEATHER_PARAMS)
              .strict(true)
              .build());
  private static final ToolDefinition TIME =
      ToolDefinition.function(
          FunctionDefinition.builder()
              .name("get_time")
              .parameters(
                  Map.of(
                      "type",
                      "object",
                      "properties",
                      Map.of("zone", Map.of("type", "string", "format", "uuid")),
                      "required",
                      List.of("zone"),
                      "additionalProperties",
                      false))
              .strict(true)
              .build());

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @TempDir static Path dir;
  private static LocalClient hermes;
  private static LocalClient llama;
  private static LocalClient mistral;
  private static LocalClient phi;

  @BeforeAll
  static void load() {
    hermes =
        LocalClient.builder()
            .model(ChatModels.write(dir.resolve("hermes.gguf"), ChatModels.Family.CHATML_HERMES, 1))
            .contextSize(2048)
            .threads(1)
            .build();
    llama =
        LocalClient.builder()
            .model(ChatModels.write(dir.resolve("llama.gguf"), ChatModels.Family.LLAMA31, 2))
            .contextSize(2048)
            .threads(1)
            .build();
    mistral =
        LocalClient.builder()
            .model(ChatModels.write(dir.resolve("mistral.gguf"), ChatModels.Family.MISTRAL_NEMO, 3))
            .contextSize(2048)
            .threads(1)
            .build();
    phi =
        LocalClient.builder()
            .model(ChatModels.write(dir.resolve("phi.gguf"), ChatModels.Family.PHI4_MINI, 4))
            .contextSize(2048)
            .threads(1)
            .build();
  }

  @AfterAll
  static void close() {
    hermes.close();
    llama.close();
    mistral.close();
    phi.close();
  }

  private static ChatRequest.Builder ask(ToolChoice choice) {
    return ChatRequest.builder()
        .model("m")
        .addUserMessage("Weather in Paris?")
        .tools(List.of(WEATHER, TIME))
        .toolChoice(choice)
        .temperature(1.0)
        .seed(5L)
        .maxCompletionTokens(400);
  }

  private static void assertValidCall(ToolCall call) throws Exception {
    assertThat(call.id()).matches("call_[0-9a-f]{24}");
    Map<?, ?> args = JSON.readValue(call.arguments(), java.util.LinkedHashMap.class);
    if (call.name().equals("get_weather")) {
      assertThat(List.<Object>copyOf(args.keySet())).containsExactly("city", "unit");
      String city = (String) args.get("city");
      // JSON Schema's maxLength counts code points, not UTF-16 chars
      assertThat(city.codePointCount(0, city.length())).isLessThanOrEqualTo(12);
      assertThat(args.get("unit")).isIn("celsius", "fahrenheit");
    } else {
      assertThat(call.name()).isEqualTo("get_time");
      assertThat((String) args.get("zone")).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    }
  }

  @Test
  void requiredForcesValidCallsOnEverySyntax() throws Exception {
    for (LocalClient client : List.of(hermes, llama, mistral, phi)) {
      ChatResponse r = client.chat().chat(ask(ToolChoice.REQUIRED).build());
      for (var choice : r.choices()) {
        assertThat(choice.finishReason()).contains(FinishReason.TOOL_CALLS);
        assertThat(choice.message().toolCalls()).isNotEmpty();
        for (ToolCall call : choice.message().toolCalls()) {
          assertValidCall(call);
        }
      }
    }
  }

  @Test
  void aNamedFunctionIsTheOneCalledAndParallelFalseGivesOneCall() throws Exception {
    for (LocalClient client : List.of(hermes, llama, mistral, phi)) {
      ChatResponse r =
          client
              .chat()
              .chat(ask(ToolChoice.function("get_time")).parallelToolCalls(false).n(2).build());
      for (var choice : r.choices()) {
        assertThat(choice.message().toolCalls()).hasSize(1);
        assertThat(choice.message().toolCalls().get(0).name()).isEqualTo("get_time");
        assertValidCall(choice.message().toolCalls().get(0));
      }
    }
  }

  @Test
  void autoConstrainsTheCallOnceTheModelOpensIt() throws Exception {
    int toolCallToken = ChatModels.tokens(ChatModels.Family.CHATML_HERMES).indexOf("<tool_call>");
    ChatResponse r =
        hermes
            .chat()
            .chat(
                ask(ToolChoice.AUTO).logitBias(Map.of(String.valueOf(toolCallToken), 100)).build());

    assertThat(r.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
    for (ToolCall call : r.choices().get(0).message().toolCalls()) {
      assertValidCall(call);
    }
  }

  @Test
  void mistralsControlTokenOpensACallInAutoAndTheLoopRendersItsIds() throws Exception {
    // [TOOL_CALLS] is a control token: the model opening a call with it must be seen
    int marker = ChatModels.tokens(ChatModels.Family.MISTRAL_NEMO).indexOf("[TOOL_CALLS]");
    ChatRequest first = ask(ToolChoice.AUTO).logitBias(Map.of(String.valueOf(marker), 100)).build();
    ChatResponse called = mistral.chat().chat(first);

    assertThat(called.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
    assertThat(called.choices().get(0).message().content()).isEmpty();
    ToolCall call = called.choices().get(0).message().toolCalls().get(0);
    assertValidCall(call);

    // the real template accepts only 9-character ids: ours are mapped when it renders them
    ChatResponse answer =
        mistral
            .chat()
            .chat(
                first.toBuilder()
                    .addMessage(ChatMessage.assistant(List.of(call)))
                    .addMessage(ChatMessage.tool(call.id(), "{\"temperature\": 21}"))
                    .toolChoice(ToolChoice.AUTO)
                    .logitBias(Map.of())
                    .maxCompletionTokens(5)
                    .build());
    assertThat(answer.choices().get(0).finishReason()).isPresent();
    assertThat(answer.usage().orElseThrow().promptTokens())
        .isGreaterThan(called.usage().orElseThrow().promptTokens());
  }

  @Test
  void phi4MiniCallsInFunctoolsFormAndTheLoopRendersThem() throws Exception {
    ChatRequest first = ask(ToolChoice.function("get_weather")).parallelToolCalls(false).build();
    ChatResponse called = phi.chat().chat(first);
    ToolCall call = called.choices().get(0).message().toolCalls().get(0);
    assertValidCall(call);

    // the call goes back into the prompt as functools[...], the result as a tool turn
    ChatResponse answer =
        phi.chat()
            .chat(
                first.toBuilder()
                    .addMessage(ChatMessage.assistant(List.of(call)))
                    .addMessage(ChatMessage.tool(call.id(), "{\"temperature\": 21}"))
                    .toolChoice(ToolChoice.AUTO)
                    .maxCompletionTokens(5)
                    .build());
    assertThat(answer.choices().get(0).finishReason()).isPresent();
    assertThat(answer.usage().orElseThrow().promptTokens())
        .isGreaterThan(called.usage().orElseThrow().promptTokens() + call.arguments().length());
  }

  @Test
  void aForcedCallIsNotTakenForReasoningWhenThePromptOpensThink() throws Exception {
    try (LocalClient thinking =
        LocalClient.builder()
            .model(
                ChatModels.write(
                    dir.resolve("thinking.gguf"), ChatModels.Family.CHATML_THINKING, 4))
            .contextSize(2048)
            .threads(1)
            .build()) {
      ChatResponse r = thinking.chat().chat(ask(ToolChoice.REQUIRED).build());

      assertThat(r.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
      assertThat(r.choices().get(0).message().toolCalls()).isNotEmpty();
      for (ToolCall call : r.choices().get(0).message().toolCalls()) {
        assertValidCall(call);
      }
    }
  }

  @Test
  void fullToolLoopThroughThePublicApi() throws Exception {
    int toolCallToken = ChatModels.tokens(ChatModels.Family.CHATML_HERMES).indexOf("<tool_call>");
    for (ToolChoice choice :
        List.of(ToolChoice.REQUIRED, ToolChoice.function("get_weather"), ToolChoice.AUTO)) {
      ChatRequest.Builder firstBuilder = ask(choice).parallelToolCalls(false);
      if (choice.equals(ToolChoice.AUTO)) { // make this random model open a call on its own
        firstBuilder.logitBias(Map.of(String.valueOf(toolCallToken), 100));
      }
      ChatRequest first = firstBuilder.build();
      ChatResponse called = hermes.chat().chat(first);
      ToolCall call = called.choices().get(0).message().toolCalls().get(0);
      assertValidCall(call);
      Map<?, ?> args = JSON.readValue(call.arguments(), Map.class);
      String result = "{\"city\": \"" + args.get("city") + "\", \"temperature\": 21}";

      ChatRequest second =
          first.toBuilder()
              .addMessage(ChatMessage.assistant(List.of(call)))
              .addMessage(ChatMessage.tool(call.id(), result))
              .toolChoice(ToolChoice.AUTO)
              .logitBias(Map.of())
              .maxCompletionTokens(20)
              .build();
      ChatResponse answer = hermes.chat().chat(second);

      assertThat(answer.choices().get(0).finishReason()).isPresent();
      assertThat(
              answer.choices().get(0).message().toolCalls().isEmpty()
                  || answer.choices().get(0).finishReason().get().equals(FinishReason.TOOL_CALLS))
          .isTrue();
    }
  }

  @Test
  void streamedDeltasComeIdAndNameFirstThenArgumentsTokenByToken() throws Exception {
    for (LocalClient client : List.of(hermes, llama, mistral, phi)) {
      ChatRequest request = ask(ToolChoice.REQUIRED).logprobs(true).topLogprobs(2).build();
      List<ChatChunk> chunks = client.chat().stream(request).toList().blockingGet();

      Map<Integer, String> ids = new java.util.HashMap<>();
      Map<Integer, List<String>> fragments = new java.util.HashMap<>();
      int logprobTokens = 0;
      for (ChatChunk chunk : chunks) {
        for (var choice : chunk.choices()) {
          logprobTokens += choice.logprobs().map(l -> l.content().size()).orElse(0);
          for (ToolCallDelta d : choice.delta().toolCalls()) {
            if (!ids.containsKey(d.index())) {
              assertThat(d.id()).isPresent();
              assertThat(d.name()).isPresent();
              assertThat(d.type()).contains("function");
              ids.put(d.index(), d.id().orElseThrow());
            } else {
              assertThat(d.id()).isEmpty();
              assertThat(d.name()).isEmpty();
              fragments
                  .computeIfAbsent(d.index(), i -> new java.util.ArrayList<>())
                  .add(d.arguments().orElseThrow());
            }
          }
        }
      }
      ChatResponse rebuilt =
          ChatChunks.aggregate(io.reactivex.rxjava3.core.Flowable.fromIterable(chunks))
              .blockingGet();
      List<ToolCall> calls = rebuilt.choices().get(0).message().toolCalls();
      assertThat(calls).hasSize(ids.size());
      for (int i = 0; i < calls.size(); i++) {
        assertValidCall(calls.get(i));
        assertThat(calls.get(i).id()).isEqualTo(ids.get(i));
        // the arguments arrive as they are generated: in several pieces that make up the whole
        assertThat(fragments.get(i)).hasSizeGreaterThan(2);
        assertThat(String.join("", fragments.get(i))).isEqualTo(calls.get(i).arguments());
      }
      assertThat(rebuilt.choices().get(0).finishReason()).contains(FinishReason.TOOL_CALLS);
      ChatResponse blocking = client.chat().chat(request);
      assertThat(logprobTokens).isPositive();
      assertThat(blocking.choices().get(0).logprobs().orElseThrow().content())
          .hasSize(blocking.usage().orElseThrow().completionTokens());
      assertThat(blocking.choices().get(0).message().toolCalls())
          .extracting(ToolCall::arguments)
          .isEqualTo(calls.stream().map(ToolCall::arguments).toList());
    }
  }

  @Test
  void badToolInputIsA400NamingTheParameter() {
    ToolDefinition unsupported =
        ToolDefinition.function(
            FunctionDefinition.builder()
                .name("f")
                .parameters(
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("n", Map.of("type", "integer", "not", Map.of("const", 2)))))
                .strict(true)
                .build());

    // an invalid function name cannot even be built: the API type checks it
    assertThatThrownBy(() -> FunctionDefinition.builder().name("get weather!").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("get weather!");
    assertThatThrownBy(() -> hermes.chat().chat(ask(ToolChoice.function("nope")).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.param()).contains("tool_choice"));
    assertThatThrownBy(
            () ->
                hermes
                    .chat()
                    .chat(ask(ToolChoice.REQUIRED).tools(List.of(WEATHER, unsupported)).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.param()).contains("tools[1].function.parameters");
              assertThat(e.getMessage()).contains("#/properties/n/not");
            });
  }

  @Test
  void aTemplateWithoutToolFormatIsA400() {
    try (LocalClient plain =
        LocalClient.builder().model(SharedModels.resolve("stories260K/stories260K.gguf")).build()) {
      assertThatThrownBy(() -> plain.chat().chat(ask(ToolChoice.REQUIRED).build()))
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.param()).contains("tools"));
    }
  }
}
