package dev.llmkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.Llm;
import dev.llmkit.LlmClient;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolDefinition;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A tool loop: while the model answers with tool calls, run them (a made-up {@code get_weather})
 * and send the results back as tool messages; stop at its final answer. Run: {@code mvn -q -pl
 * examples -am test-compile exec:java -Dexec.mainClass=dev.llmkit.examples.ToolCalling
 * -Dllmkit.provider=openai}
 */
public final class ToolCalling {
  static final int MAX_ROUNDS = 5;
  static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolDefinition GET_WEATHER =
      ToolDefinition.function(
          FunctionDefinition.of(
              "get_weather",
              "Current weather in a city",
              Map.of(
                  "type",
                  "object",
                  "required",
                  List.of("city"),
                  "properties",
                  Map.of("city", Map.of("type", "string", "description", "City name")))));

  private ToolCalling() {}

  public static void main(String[] args) throws Exception {
    try (LlmClient llm = Llm.client()) {
      run(llm, System.out, "Should I take an umbrella in Paris today?");
    }
  }

  /** Runs the loop for {@code question}; returns the final answer. */
  static String run(LlmClient llm, PrintStream out, String question) throws Exception {
    ChatRequest.Builder request =
        ChatRequest.builder()
            .model(ChatQuickstart.MODEL)
            .addUserMessage(question)
            .tools(List.of(GET_WEATHER));
    for (int round = 0; round < MAX_ROUNDS; round++) {
      ChatMessage reply = llm.chat().chat(request.build()).choices().get(0).message();
      if (reply.toolCalls().isEmpty()) {
        out.println(reply.text());
        return reply.text();
      }
      request.addMessage(reply); // the assistant's tool calls go back too
      for (ToolCall call : reply.toolCalls()) {
        JsonNode arguments = JSON.readTree(call.arguments());
        String result = getWeather(arguments.path("city").asText("unknown"));
        out.println("[tool] " + call.name() + call.arguments() + " -> " + result);
        request.addMessage(ChatMessage.tool(call.id(), result));
      }
    }
    throw new IllegalStateException("no final answer after " + MAX_ROUNDS + " rounds");
  }

  /** The tool: a real application would call a weather service here. */
  static String getWeather(String city) throws Exception {
    return JSON.writeValueAsString(Map.of("city", city, "forecast", "rain", "celsius", 14));
  }
}
