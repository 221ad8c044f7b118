package dev.llmkit.local.internal.template;

import dev.llmkit.local.internal.json.Json;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call made by the assistant.
 *
 * @param id the call id (OpenAI's {@code tool_calls[].id})
 * @param name the function name
 * @param argumentsJson the arguments as a JSON object text
 */
public record ToolCallSpec(String id, String name, String argumentsJson) {
  public ToolCallSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }

  /**
   * The arguments parsed; IllegalArgumentException naming the call if they are not a JSON object.
   */
  Map<String, @Nullable Object> arguments() {
    try {
      return Json.parseObject(argumentsJson);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "arguments of tool call '" + name + "' are not a JSON object: " + e.getMessage(), e);
    }
  }
}
