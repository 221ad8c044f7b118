package dev.llmkit.training.internal;

import static dev.llmkit.training.ValidationIssue.EMPTY_CONTENT;
import static dev.llmkit.training.ValidationIssue.INVALID_TOOLS;
import static dev.llmkit.training.ValidationIssue.INVALID_WEIGHT;
import static dev.llmkit.training.ValidationIssue.MISSING_KEY;
import static dev.llmkit.training.ValidationIssue.UNKNOWN_KEY;
import static dev.llmkit.training.ValidationIssue.UNKNOWN_ROLE;
import static dev.llmkit.training.ValidationIssue.WRONG_TYPE;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks chat messages and tool definitions, and estimates their tokens. Shared by the chat and
 * preference formats. Messages name JSON paths such as {@code messages[2].content}, never text.
 */
final class MessageChecks {
  static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
  private static final Set<String> MESSAGE_KEYS =
      Set.of(
          "role",
          "content",
          "name",
          "weight",
          "tool_calls",
          "tool_call_id",
          "function_call",
          "refusal");
  private static final Set<String> PART_TYPES =
      Set.of("text", "image_url", "input_audio", "file", "refusal");

  private final TokenEstimator tokens;

  MessageChecks(TokenEstimator tokens) {
    this.tokens = tokens;
  }

  /** What a list of messages held. */
  static final class Tally {
    int messages;
    int assistants;
    long tokens;
  }

  /**
   * Checks {@code value} as a non-empty message array at {@code path}, adding to {@code tally}.
   * Returns false if it is not an array at all.
   */
  boolean checkMessages(
      @Nullable Object value, String path, boolean allowWeight, Tally tally, IssueSink sink) {
    if (!(value instanceof List<?> list)) {
      sink.error(WRONG_TYPE, path + " must be an array of messages, not " + Json.typeOf(value));
      return false;
    }
    if (list.isEmpty()) {
      sink.error(MISSING_KEY, path + " is empty; it needs at least one message");
    }
    for (int i = 0; i < list.size(); i++) {
      checkMessage(list.get(i), path + "[" + i + "]", allowWeight, tally, sink);
    }
    return true;
  }

  private void checkMessage(
      @Nullable Object value, String path, boolean allowWeight, Tally tally, IssueSink sink) {
    tally.messages++;
    tally.tokens += TokenEstimator.TOKENS_PER_MESSAGE;
    if (!(value instanceof Map<?, ?> raw)) {
      sink.error(WRONG_TYPE, path + " must be an object, not " + Json.typeOf(value));
      return;
    }
    Map<String, Object> m = Json.object(raw);
    for (String key : m.keySet()) {
      if (!MESSAGE_KEYS.contains(key)) {
        sink.warning(UNKNOWN_KEY, path + " has the unknown key '" + Json.abbreviate(key) + "'");
      }
    }
    String role = role(m, path, sink);
    if (role != null) {
      tally.tokens += tokens.count(role);
      if (role.equals("assistant")) {
        tally.assistants++;
      }
    }
    if (m.get("name") instanceof String name) {
      tally.tokens += TokenEstimator.TOKENS_PER_NAME + tokens.count(name);
    } else if (m.containsKey("name")) {
      sink.error(WRONG_TYPE, path + ".name must be a string");
    }
    boolean calls = checkToolCalls(m, path, tally, sink);
    checkContent(m, path, "assistant".equals(role) && calls, tally, sink);
    if (m.containsKey("weight")) {
      checkWeight(m.get("weight"), path, allowWeight && "assistant".equals(role), sink);
    }
    if ("tool".equals(role) && !(m.get("tool_call_id") instanceof String)) {
      sink.warning(MISSING_KEY, path + " is a tool message without a string tool_call_id");
    }
  }

  private static @Nullable String role(Map<String, Object> m, String path, IssueSink sink) {
    Object role = m.get("role");
    if (role == null) {
      sink.error(MISSING_KEY, path + " has no role");
      return null;
    }
    if (!(role instanceof String r)) {
      sink.error(WRONG_TYPE, path + ".role must be a string, not " + Json.typeOf(role));
      return null;
    }
    if (r.equals("function")) {
      sink.warning(UNKNOWN_ROLE, path + ".role 'function' is the legacy form of 'tool'");
    } else if (!ROLES.contains(r)) {
      sink.error(
          UNKNOWN_ROLE,
          path
              + ".role '"
              + Json.abbreviate(r)
              + "' is not one of system, developer, user, assistant, tool");
    }
    return r;
  }

  private void checkContent(
      Map<String, Object> m, String path, boolean mayBeEmpty, Tally tally, IssueSink sink) {
    Object content = m.get("content");
    if (content == null) {
      if (!mayBeEmpty) {
        sink.error(
            m.containsKey("content") ? EMPTY_CONTENT : MISSING_KEY,
            path + (m.containsKey("content") ? ".content is null" : " has no content"));
      }
      return;
    }
    if (content instanceof String s) {
      if (s.isBlank() && !mayBeEmpty) {
        sink.error(EMPTY_CONTENT, path + ".content is empty");
      }
      tally.tokens += tokens.count(s);
      return;
    }
    if (!(content instanceof List<?> parts)) {
      sink.error(
          WRONG_TYPE,
          path + ".content must be a string or an array of parts, not " + Json.typeOf(content));
      return;
    }
    if (parts.isEmpty() && !mayBeEmpty) {
      sink.error(EMPTY_CONTENT, path + ".content is an empty array");
    }
    for (int i = 0; i < parts.size(); i++) {
      checkPart(parts.get(i), path + ".content[" + i + "]", tally, sink);
    }
  }

  private void checkPart(@Nullable Object value, String path, Tally tally, IssueSink sink) {
    if (!(value instanceof Map<?, ?> raw)) {
      sink.error(WRONG_TYPE, path + " must be an object, not " + Json.typeOf(value));
      return;
    }
    Map<String, Object> part = Json.object(raw);
    if (!(part.get("type") instanceof String type)) {
      sink.error(MISSING_KEY, path + " has no string type");
      return;
    }
    if (type.equals("text")) {
      if (!(part.get("text") instanceof String text)) {
        sink.error(WRONG_TYPE, path + ".text must be a string");
      } else if (text.isBlank()) {
        sink.error(EMPTY_CONTENT, path + ".text is empty");
      } else {
        tally.tokens += tokens.count(text);
      }
    } else if (type.equals("image_url")) {
      Map<String, Object> image = Json.objectOrNull(part.get("image_url"));
      if (image == null || !(image.get("url") instanceof String url) || url.isBlank()) {
        sink.error(MISSING_KEY, path + ".image_url.url must be a non-empty string");
      }
    } else if (!PART_TYPES.contains(type)) {
      sink.warning(
          UNKNOWN_KEY, path + ".type '" + Json.abbreviate(type) + "' is not a known part type");
    }
  }

  private static void checkWeight(
      @Nullable Object weight, String path, boolean allowed, IssueSink sink) {
    if (!allowed) {
      sink.error(INVALID_WEIGHT, path + ".weight is allowed only on assistant messages");
      return;
    }
    if (!(weight instanceof Number n) || (n.doubleValue() != 0 && n.doubleValue() != 1)) {
      sink.error(INVALID_WEIGHT, path + ".weight must be 0 or 1, not " + Json.describe(weight));
    }
  }

  /** Checks {@code tool_calls} and {@code function_call}; true if the message carries a call. */
  private boolean checkToolCalls(Map<String, Object> m, String path, Tally tally, IssueSink sink) {
    boolean calls = false;
    if (m.containsKey("tool_calls")) {
      Object value = m.get("tool_calls");
      if (!(value instanceof List<?> list) || list.isEmpty()) {
        sink.error(INVALID_TOOLS, path + ".tool_calls must be a non-empty array");
      } else {
        calls = true;
        for (int i = 0; i < list.size(); i++) {
          String p = path + ".tool_calls[" + i + "]";
          Map<String, Object> call = Json.objectOrNull(list.get(i));
          if (call == null) {
            sink.error(INVALID_TOOLS, p + " must be an object");
            continue;
          }
          if (!(call.get("id") instanceof String)) {
            sink.error(INVALID_TOOLS, p + ".id must be a string");
          }
          if (call.containsKey("type") && !"function".equals(call.get("type"))) {
            sink.error(INVALID_TOOLS, p + ".type must be 'function'");
          }
          checkCall(call.get("function"), p + ".function", tally, sink);
        }
      }
    }
    if (m.containsKey("function_call")) {
      calls = true;
      checkCall(m.get("function_call"), path + ".function_call", tally, sink);
    }
    return calls;
  }

  private void checkCall(@Nullable Object value, String path, Tally tally, IssueSink sink) {
    Map<String, Object> f = Json.objectOrNull(value);
    if (f == null) {
      sink.error(INVALID_TOOLS, path + " must be an object with name and arguments");
      return;
    }
    if (!(f.get("name") instanceof String name) || name.isBlank()) {
      sink.error(INVALID_TOOLS, path + ".name must be a non-empty string");
    } else {
      tally.tokens += tokens.count(name);
    }
    if (!(f.get("arguments") instanceof String args)) {
      sink.error(INVALID_TOOLS, path + ".arguments must be a string of JSON");
    } else {
      tally.tokens += tokens.count(args);
    }
  }

  /** Checks a {@code tools} array ({@code {type: function, function: {...}}}); returns tokens. */
  long checkTools(@Nullable Object value, String path, IssueSink sink) {
    if (!(value instanceof List<?> list)) {
      sink.error(INVALID_TOOLS, path + " must be an array");
      return 0;
    }
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      Map<String, Object> tool = Json.objectOrNull(list.get(i));
      if (tool == null) {
        sink.error(INVALID_TOOLS, p + " must be an object");
        continue;
      }
      if (!"function".equals(tool.get("type"))) {
        sink.error(INVALID_TOOLS, p + ".type must be 'function'");
      }
      checkFunction(tool.get("function"), p + ".function", sink);
    }
    return tokens.count(JsonTree.write(list));
  }

  /** Checks a legacy {@code functions} array of function definitions; returns tokens. */
  long checkFunctions(@Nullable Object value, String path, IssueSink sink) {
    if (!(value instanceof List<?> list)) {
      sink.error(INVALID_TOOLS, path + " must be an array");
      return 0;
    }
    for (int i = 0; i < list.size(); i++) {
      checkFunction(list.get(i), path + "[" + i + "]", sink);
    }
    return tokens.count(JsonTree.write(list));
  }

  private static void checkFunction(@Nullable Object value, String path, IssueSink sink) {
    Map<String, Object> f = Json.objectOrNull(value);
    if (f == null) {
      sink.error(INVALID_TOOLS, path + " must be an object");
      return;
    }
    if (!(f.get("name") instanceof String name) || name.isBlank()) {
      sink.error(INVALID_TOOLS, path + ".name must be a non-empty string");
    }
    if (f.containsKey("description") && !(f.get("description") instanceof String)) {
      sink.error(INVALID_TOOLS, path + ".description must be a string");
    }
    if (f.containsKey("parameters") && !(f.get("parameters") instanceof Map)) {
      sink.error(INVALID_TOOLS, path + ".parameters must be a JSON Schema object");
    }
  }
}
