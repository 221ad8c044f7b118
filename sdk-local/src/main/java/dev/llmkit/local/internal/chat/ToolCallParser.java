package dev.llmkit.local.internal.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Extracts tool calls from generated text. Text that is not a well-formed call stays content. */
final class ToolCallParser {
  private static final Pattern HERMES = Pattern.compile("<tool_call>(.*?)(?:</tool_call>|$)", Pattern.DOTALL);

  private ToolCallParser() {}

  /**
   * Hermes / Qwen2.5 format: each {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}
   * block is a call (a final block may lack its closing tag when generation stopped); the rest is
   * content.
   */
  static ParsedReply parseHermes(String text) {
    List<ToolCallSpec> calls = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    Matcher m = HERMES.matcher(text);
    int last = 0;
    while (m.find()) {
      ToolCallSpec call = toCall(m.group(1).strip(), "arguments", calls.size());
      if (call == null) {
        continue;
      }
      content.append(text, last, m.start());
      last = m.end();
      calls.add(call);
    }
    content.append(text.substring(last));
    return new ParsedReply(content.toString().strip(), calls);
  }

  /**
   * Llama 3.1 format: the whole reply (optionally after {@code <|python_tag|>}) is
   * {@code {"name": ..., "parameters": {...}}}; several calls may be separated by ";".
   */
  static ParsedReply parseLlamaJson(String text) {
    String body = text.strip();
    if (body.startsWith("<|python_tag|>")) {
      body = body.substring("<|python_tag|>".length()).strip();
    }
    if (!body.startsWith("{")) {
      return new ParsedReply(text.strip(), List.of());
    }
    List<ToolCallSpec> calls = new ArrayList<>();
    ToolCallSpec single = toCall(body, "parameters", 0);
    if (single != null) {
      calls.add(single);
    } else {
      for (String part : body.split(";")) {
        ToolCallSpec call = toCall(part.strip(), "parameters", calls.size());
        if (call == null) {
          return new ParsedReply(text.strip(), List.of());
        }
        calls.add(call);
      }
    }
    return new ParsedReply("", calls);
  }

  /** A call from a JSON object with "name" and arguments under {@code argumentsKey} or "arguments". */
  private static @Nullable ToolCallSpec toCall(String json, String argumentsKey, int index) {
    Map<String, @Nullable Object> object;
    try {
      object = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Object name = object.get("name");
    if (!(name instanceof String)) {
      return null;
    }
    Object args = object.containsKey(argumentsKey) ? object.get(argumentsKey) : object.get("arguments");
    String argumentsJson;
    if (args == null) {
      argumentsJson = "{}";
    } else if (args instanceof Map) {
      argumentsJson = Json.write(args);
    } else if (args instanceof String && isJsonObject((String) args)) {
      argumentsJson = (String) args;
    } else {
      return null;
    }
    return new ToolCallSpec("call_" + index, (String) name, argumentsJson);
  }

  private static boolean isJsonObject(String s) {
    try {
      Json.parseObject(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
