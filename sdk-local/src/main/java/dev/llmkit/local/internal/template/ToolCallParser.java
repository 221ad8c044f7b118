package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Extracts tool calls from generated text. Text that is not a well-formed call stays content. */
final class ToolCallParser {
  private ToolCallParser() {}

  /**
   * Hermes / Qwen2.5 format: each {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}
   * block is a call (a final block may lack its closing tag when generation stopped); the rest is
   * content. The call's JSON object is read to its matching brace, so a string value that contains
   * {@code </tool_call>} does not cut it.
   */
  static ParsedReply parseHermes(String text) {
    List<ToolCallSpec> calls = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    int last = 0;
    int open = text.indexOf(OPEN);
    while (open >= 0) {
      int end = hermesCallEnd(text, open + OPEN.length(), calls);
      if (end < 0) {
        open = text.indexOf(OPEN, open + OPEN.length());
        continue;
      }
      content.append(text, last, open);
      last = end;
      open = text.indexOf(OPEN, end);
    }
    content.append(text.substring(last));
    return new ParsedReply(content.toString().strip(), calls);
  }

  private static final String OPEN = "<tool_call>";
  private static final String CLOSE = "</tool_call>";

  /** Reads one call after an opening tag into {@code calls}; the end of the block, or -1. */
  private static int hermesCallEnd(String text, int from, List<ToolCallSpec> calls) {
    int begin = from;
    while (begin < text.length() && Character.isWhitespace(text.charAt(begin))) {
      begin++;
    }
    int objectEnd = jsonObjectEnd(text, begin);
    if (objectEnd > 0) {
      ToolCallSpec call = toCall(text.substring(begin, objectEnd), "arguments", calls.size());
      if (call != null) {
        calls.add(call);
        int after = objectEnd;
        while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
          after++;
        }
        return text.startsWith(CLOSE, after)
            ? after + CLOSE.length()
            : after == text.length() ? after : objectEnd;
      }
    }
    int close = text.indexOf(CLOSE, from);
    int blockEnd = close < 0 ? text.length() : close;
    ToolCallSpec call = toCall(text.substring(from, blockEnd).strip(), "arguments", calls.size());
    if (call == null) {
      return -1;
    }
    calls.add(call);
    return close < 0 ? blockEnd : close + CLOSE.length();
  }

  /** The index after the JSON object starting at {@code from} (strings respected), or -1. */
  private static int jsonObjectEnd(String text, int from) {
    if (from >= text.length() || text.charAt(from) != '{') {
      return -1;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Llama 3.1 format: the whole reply (optionally after {@code <|python_tag|>}) is {@code {"name":
   * ..., "parameters": {...}}}; several calls may be separated by ";".
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

  /**
   * A call from a JSON object with "name" and arguments under {@code argumentsKey} or "arguments".
   */
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
    Object args =
        object.containsKey(argumentsKey) ? object.get(argumentsKey) : object.get("arguments");
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
