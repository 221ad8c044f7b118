package dev.llmkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.ContentPart;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI chat completion request body (messages and tools; other fields are ignored) into
 * a {@link ChatRequest}. Errors name the JSON path of the bad value.
 */
final class RequestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestJson() {}

  static ChatRequest parse(String body, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          source + " must hold a JSON object, a chat completion request body");
    }
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException(source + ": 'messages' must be a non-empty array");
    }
    ChatRequest.Builder b = ChatRequest.builder().model(root.path("model").asText("local"));
    for (int i = 0; i < messages.size(); i++) {
      b.addMessage(message(messages.get(i), source + ": messages[" + i + "]"));
    }
    List<ToolDefinition> tools = new ArrayList<>();
    JsonNode toolNodes = root.path("tools");
    for (int i = 0; i < toolNodes.size(); i++) {
      tools.add(tool(toolNodes.get(i), source + ": tools[" + i + "]"));
    }
    return b.tools(tools).build();
  }

  private static ChatMessage message(JsonNode m, String path) {
    String role = text(m, "role", path);
    ChatMessage.Builder b = ChatMessage.builder().role(Role.of(role));
    JsonNode content = m.get("content");
    if (content != null && content.isTextual()) {
      b.content(content.asText());
    } else if (content != null && content.isArray()) {
      List<ContentPart> parts = new ArrayList<>();
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        if (!"text".equals(part.path("type").asText())) {
          throw new IllegalArgumentException(
              path
                  + ".content["
                  + i
                  + "]: only text parts can be"
                  + " rendered into a prompt, not '"
                  + part.path("type").asText()
                  + "'");
        }
        parts.add(ContentPart.text(text(part, "text", path + ".content[" + i + "]")));
      }
      b.contentParts(parts);
    } else if (content != null && !content.isNull()) {
      throw new IllegalArgumentException(
          path + ".content must be a string, an array of parts or null");
    }
    if (m.hasNonNull("name")) {
      b.name(m.get("name").asText());
    }
    if (m.hasNonNull("tool_call_id")) {
      b.toolCallId(m.get("tool_call_id").asText());
    }
    List<ToolCall> calls = new ArrayList<>();
    JsonNode callNodes = m.path("tool_calls");
    for (int i = 0; i < callNodes.size(); i++) {
      String at = path + ".tool_calls[" + i + "]";
      JsonNode function = m.path("tool_calls").get(i).path("function");
      JsonNode args = function.path("arguments");
      calls.add(
          ToolCall.function(
              callNodes.get(i).path("id").asText("call_" + i),
              text(function, "name", at + ".function"),
              args.isTextual()
                  ? args.asText()
                  : args.isMissingNode() || args.isNull() ? "{}" : args.toString()));
    }
    if (!calls.isEmpty()) {
      b.toolCalls(calls);
    }
    return b.build();
  }

  private static ToolDefinition tool(JsonNode t, String path) {
    JsonNode f = t.path("function");
    FunctionDefinition.Builder b =
        FunctionDefinition.builder().name(text(f, "name", path + ".function"));
    if (f.hasNonNull("description")) {
      b.description(f.get("description").asText());
    }
    if (f.has("parameters")) {
      if (!f.get("parameters").isObject()) {
        throw new IllegalArgumentException(path + ".function.parameters must be a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = JSON.convertValue(f.get("parameters"), Map.class);
      b.parameters(parameters);
    }
    return ToolDefinition.function(b.build());
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(path + "." + field + " must be a string");
    }
    return v.asText();
  }
}
