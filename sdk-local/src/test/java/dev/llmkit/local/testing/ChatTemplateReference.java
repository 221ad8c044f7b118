package dev.llmkit.local.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.chat.ChatMessage;
import dev.llmkit.chat.ChatRequest;
import dev.llmkit.chat.FunctionDefinition;
import dev.llmkit.chat.Role;
import dev.llmkit.chat.ToolCall;
import dev.llmkit.chat.ToolDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared chat-template reference ({@code ../shared/chat-templates/reference.json}: what
 * transformers' {@code apply_chat_template} renders), with its items turned into {@link
 * ChatRequest}s as a user of the SDK would write them.
 */
public final class ChatTemplateReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatTemplateReference() {}

  /** The items; skips the test when the shared folder is absent, fails when it should be there. */
  public static JsonNode items() {
    Path file = SharedModels.root().resolveSibling("chat-templates").resolve("reference.json");
    if (!Files.isRegularFile(file)) {
      if (System.getenv(SharedModels.ENV) != null) {
        fail(file + " is missing (" + SharedModels.ENV + " is set)");
      }
      assumeTrue(false, file + " is missing: skipping");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An item's messages and tools as a request; tool-call arguments become JSON strings. */
  public static ChatRequest request(JsonNode item) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode m : item.get("messages")) {
      ChatMessage.Builder b = ChatMessage.builder().role(Role.of(m.get("role").asText()));
      if (m.hasNonNull("content")) {
        b.content(m.get("content").asText());
      }
      if (m.hasNonNull("name") && !"tool".equals(m.get("role").asText())) {
        b.name(m.get("name").asText());
      }
      if (m.hasNonNull("tool_call_id")) {
        b.toolCallId(m.get("tool_call_id").asText());
      }
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode c : m.path("tool_calls")) {
        JsonNode args = c.get("function").get("arguments");
        calls.add(
            ToolCall.function(
                c.get("id").asText(),
                c.get("function").get("name").asText(),
                args.isTextual() ? args.asText() : args.toString()));
      }
      if (!calls.isEmpty()) {
        b.toolCalls(calls);
      }
      messages.add(b.build());
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode t : item.path("tools")) {
      JsonNode f = t.get("function");
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = JSON.convertValue(f.get("parameters"), Map.class);
      tools.add(
          ToolDefinition.function(
              FunctionDefinition.builder()
                  .name(f.get("name").asText())
                  .description(f.path("description").asText(null))
                  .parameters(parameters)
                  .build()));
    }
    return ChatRequest.builder().model("local").messages(messages).tools(tools).build();
  }
}
